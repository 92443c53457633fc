/**
 * The parts of a line's page: its holder, its place on the suspension roadmap and what the holder
 * must do, its target groups, its verification attempts and its history as a timeline. Each shows
 * the line as it came: masked, or in clear after a reveal.
 */
import { Alert, Card, Descriptions, Empty, List, Timeline, Typography, type TimelineItemProps } from 'antd';
import { formatInstant, formatPartialDay } from '../../format.ts';
import { useCommuneName } from '../../hooks/admin-units.ts';
import type { LineView } from '../../hooks/lookup.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import type { Messages } from '../../i18n/messages.ts';

/** The catalogue's name of a code from an open list (events, sources …); the code itself when it has none. */
const named = (names: Readonly<Record<string, string>>, code: string) => names[code] ?? code;
const channelName = (m: Messages, channel: string) => named(m.channels, channel);

export function HolderSection({ line }: { line: LineView }) {
  const m = useMessages();
  const communeName = useCommuneName();
  const { holder } = line;
  return (
    <Card title={m.lookup.holder} size="small">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'kind', label: m.lookup.holderKind, children: m.lookup.holderKinds[line.holderKind] },
          { key: 'name', label: m.lookup.fullName, children: holder.fullName },
          { key: 'birth', label: m.lookup.birthDate, children: formatPartialDay(holder.birthDate) },
          { key: 'type', label: m.lookup.documentType, children: m.lookup.documentTypes[holder.documentType] },
          { key: 'number', label: m.lookup.documentNumber, children: holder.documentNumber },
          { key: 'commune', label: m.lookup.commune, children: line.communeCode ? communeName(line.communeCode) : '—' },
          { key: 'class', label: m.lookup.lineClass, children: m.lookup.lineClasses[line.lineClass] },
          { key: 'registered', label: m.lookup.registeredAt, children: formatInstant(line.registeredAt) },
        ]}
      />
    </Card>
  );
}

export function RoadmapSection({ line }: { line: LineView }) {
  const m = useMessages();
  const { roadmap } = line;
  return (
    <Card title={m.lookup.roadmap} size="small">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'lock', label: m.lookup.lockNow, children: line.lock.state === 'ordered' ? m.lookup.lockOrdered[line.lock.level] : m.lookup.locks[roadmap.lockLevel] },
          {
            key: 'next',
            label: m.lookup.nextStep,
            children: roadmap.next ? <Typography.Text strong>{m.lookup.nextStepAt(m.lookup.steps[roadmap.next.step], formatInstant(roadmap.next.at))}</Typography.Text> : m.lookup.offRoadmap,
          },
        ]}
      />
      <Typography.Title level={5}>{m.lookup.mustDo}</Typography.Title>
      {roadmap.mustDo.length === 0 ? (
        <Typography.Text type="secondary">{m.lookup.nothingToDo}</Typography.Text>
      ) : (
        <List size="small" dataSource={roadmap.mustDo} rowKey="code" renderItem={(item) => <List.Item data-code={item.code}>{item.message}</List.Item>} />
      )}
    </Card>
  );
}

export function TargetGroupsSection({ line }: { line: LineView }) {
  const m = useMessages();
  return (
    <Card title={m.lookup.targetGroups} size="small">
      {line.targetGroups.length === 0 ? (
        <Typography.Text type="secondary">{m.lookup.noTargetGroup}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={line.targetGroups}
          rowKey={(group) => `${group.group}:${group.since}`}
          renderItem={(group) => (
            <List.Item>
              <List.Item.Meta
                title={`${named(m.lookup.groups, group.group)}${group.detail ? ` (${named(m.lookup.details, group.detail)})` : ''}`}
                description={group.endedAt ? m.lookup.groupEnded(formatInstant(group.endedAt)) : m.lookup.groupSince(named(m.lookup.sources, group.source), formatInstant(group.since))}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function AttemptsSection({ line }: { line: LineView }) {
  const m = useMessages();
  const { attempts } = line;
  if (!attempts.last) {
    return (
      <Card title={m.lookup.attempts} size="small">
        <Typography.Text type="secondary">{m.lookup.noAttempt}</Typography.Text>
      </Card>
    );
  }
  const { last } = attempts;
  return (
    <Card title={m.lookup.attempts} size="small" extra={m.lookup.attemptsTotal(attempts.total)}>
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'last',
            label: m.lookup.lastAttempt,
            children: `${formatInstant(last.at)} · ${named(m.lookup.outcomes, last.outcome)} · ${m.lookup.viaChannel(channelName(m, last.channel))}${last.place ? ` (${last.place})` : ''}`,
          },
        ]}
      />
    </Card>
  );
}

const EVENT_COLOURS: Readonly<Record<string, string>> = {
  verified: 'green',
  unlocked: 'green',
  verification_required: 'orange',
  roadmap_reminder: 'orange',
  locked: 'red',
  terminated: 'red',
};

export function HistorySection({ line }: { line: LineView }) {
  const m = useMessages();
  const items: TimelineItemProps[] = line.history.map((event, index) => ({
    key: `${event.at}:${index}`,
    color: EVENT_COLOURS[event.kind] ?? 'blue',
    title: formatInstant(event.at),
    content: (
      <>
        <Typography.Text strong>{named(m.lookup.events, event.kind)}</Typography.Text>
        {event.fromState && event.toState && event.fromState !== event.toState && (
          <div>{m.lookup.stateChange(named(m.lookup.states, event.fromState), named(m.lookup.states, event.toState))}</div>
        )}
        <div>
          <Typography.Text type="secondary">
            {[m.lookup.by(event.actor), event.channel && m.lookup.viaChannel(channelName(m, event.channel)), event.reason && m.lookup.reasonOf(event.reason)].filter(Boolean).join(' · ')}
          </Typography.Text>
        </div>
      </>
    ),
  }));
  return (
    <Card title={m.lookup.history} size="small">
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.lookup.noHistory} /> : <Timeline items={items} />}
    </Card>
  );
}

/** Said while the page shows the line in clear. */
export function RevealedNotice() {
  const m = useMessages();
  return <Alert type="warning" showIcon title={m.lookup.revealed} role="status" />;
}
