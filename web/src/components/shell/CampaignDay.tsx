import { Typography } from 'antd';
import { useCampaignToday } from '../../hooks/campaign.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { formatDay } from '../../format.ts';

/** The campaign's name, today's date and "Ngày thứ N · còn M ngày" (or that it has not started, or ended). */
export function CampaignDay() {
  const m = useMessages();
  const { data } = useCampaignToday();
  if (!data) return null;
  const standing = data.phase === 'running' ? m.campaign.dayOf(data.day, data.daysLeft) : data.phase === 'before' ? m.campaign.startsOn(formatDay(data.campaign.startsOn)) : m.campaign.ended;
  return (
    <div className="shell-campaign">
      <Typography.Text strong className="shell-campaign-name" ellipsis>
        {data.campaign.name}
      </Typography.Text>
      {/* On a phone the line breaks between the date and the day, never inside either. */}
      <Typography.Text type="secondary" className="shell-campaign-day">
        <span className="shell-nowrap">{m.campaign.today(formatDay(data.today))}</span> · <span className="shell-nowrap">{standing}</span>
      </Typography.Text>
    </div>
  );
}
