import { Card, Descriptions, Typography } from 'antd';
import { useCampaignToday } from '../../hooks/campaign.ts';
import { useSession } from '../../hooks/session.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { formatDay } from '../../format.ts';

/** The first page after sign-in: who is signed in and the campaign they work on. */
export default function HomePage() {
  const m = useMessages();
  const { data: principal } = useSession();
  const { data: today } = useCampaignToday();
  return (
    <>
      <Typography.Title level={3}>{principal && m.home.welcome(principal.displayName)}</Typography.Title>
      <Typography.Paragraph type="secondary">{m.home.intro}</Typography.Paragraph>
      {today && (
        // The campaign's name in full, over two lines on a phone rather than cut short.
        <Card title={today.campaign.name} style={{ maxWidth: 720 }} styles={{ title: { whiteSpace: 'normal' } }}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'basis', label: m.home.legalBasis, children: today.campaign.legalBasis },
              { key: 'period', label: m.home.period, children: `${formatDay(today.campaign.startsOn)} – ${formatDay(today.campaign.endsOn)}` },
            ]}
          />
        </Card>
      )}
    </>
  );
}
