/**
 * A line's page, /tra-cuu/thue-bao/<id>: the address holds the line's opaque id only. Masked as
 * it comes; "Hiện thông tin" (subscriber.reveal) asks a reason and shows it in clear, for as long as
 * the page is open. An unknown id and a line outside the caller's scope read the same: not found.
 */
import { ArrowLeftOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Result, Row, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiProblem, problemMessage } from '../../api/problem.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import { useLine, useRevealLine, type LineView } from '../../hooks/lookup.ts';
import { useSession } from '../../hooks/session.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { LOOKUP_PATH } from '../staff-pages.tsx';
import { LockTag, StateTag } from './line-tags.tsx';
import { AttemptsSection, HistorySection, HolderSection, RoadmapSection, TargetGroupsSection } from './LineSections.tsx';

/** The id of the page's address, if it is one an answer could have given (a positive whole number). */
function lineIdOf(param: string | undefined): number | null {
  return param && /^[1-9]\d{0,14}$/.test(param) ? Number(param) : null;
}

function BackToLookup() {
  const m = useMessages();
  const navigate = useNavigate();
  return (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(LOOKUP_PATH)}>
      {m.lookup.back}
    </Button>
  );
}

function LineNotFound() {
  const m = useMessages();
  return <Result status="404" title={m.lookup.notFound} subTitle={m.lookup.notFoundHint} extra={<BackToLookup />} />;
}

function LineDetails({ line, revealed, actions }: { line: LineView; revealed: boolean; actions: ReactNode }) {
  const m = useMessages();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Flex justify="space-between" align="flex-start" wrap gap={12}>
          <div>
            <Typography.Text type="secondary">{m.lookup.line}</Typography.Text>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="line-msisdn">
              {line.msisdn}
            </Typography.Title>
            <Space wrap size={4} style={{ marginTop: 8 }}>
              <Typography.Text>{m.carrier(line.carrier)}</Typography.Text>
              <StateTag line={line} />
              <LockTag line={line} />
            </Space>
          </div>
          {actions}
        </Flex>
        {revealed && <Alert type="warning" showIcon title={m.lookup.revealed} role="status" style={{ marginTop: 12 }} />}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <HolderSection line={line} />
            <RoadmapSection line={line} />
            <TargetGroupsSection line={line} />
          </Space>
        </Col>
        <Col xs={24} lg={12}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <AttemptsSection line={line} />
            <HistorySection line={line} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function LineOfId({ id }: { id: number }) {
  const m = useMessages();
  const { data: principal } = useSession();
  const line = useLine(id);
  const reveal = useRevealLine(id);
  const [asking, setAsking] = useState(false);
  // The line in clear lives here only: gone when the page is left or "Che lại" is pressed.
  const [clear, setClear] = useState<LineView | null>(null);

  if (line.isPending) return <PageLoading />;
  if (line.error instanceof ApiProblem && line.error.code === 'SUBSCRIBER_NOT_FOUND') return <LineNotFound />;
  if (line.error || !line.data) return <Alert type="error" showIcon title={problemMessage(line.error, m)} role="alert" />;

  const mayReveal = principal?.actions.includes('subscriber.reveal') === true;
  const actions = (
    <Space wrap>
      <BackToLookup />
      {mayReveal &&
        (clear ? (
          <Button icon={<EyeInvisibleOutlined />} onClick={() => setClear(null)}>
            {m.lookup.hide}
          </Button>
        ) : (
          <Button type="primary" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
            {m.lookup.reveal}
          </Button>
        ))}
    </Space>
  );
  return (
    <>
      <LineDetails line={clear ?? line.data} revealed={clear !== null} actions={actions} />
      <ReasonDialog
        open={asking}
        title={m.lookup.revealTitle}
        explanation={m.lookup.revealExplanation}
        okText={m.lookup.reveal}
        pending={reveal.isPending}
        error={reveal.error}
        onCancel={() => {
          reveal.reset();
          setAsking(false);
        }}
        onSubmit={(reason) =>
          reveal.mutate(reason, {
            onSuccess: (revealed) => {
              reveal.reset();
              setAsking(false);
              setClear(revealed);
            },
          })
        }
      />
    </>
  );
}

export default function LinePage() {
  const { id } = useParams();
  const lineId = lineIdOf(id);
  // A new id is a new page: nothing revealed of the previous line stays.
  return lineId === null ? <LineNotFound /> : <LineOfId key={lineId} id={lineId} />;
}
