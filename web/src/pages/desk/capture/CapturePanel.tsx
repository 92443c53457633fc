/**
 * The face step of the desk: the sources the capture port has here (the camera or a photo file;
 * in a demo also the simulator's stand-ins), a plain word when the page is not a secure context
 * (the camera needs https or localhost), and the capture taken, until it is taken again or dropped.
 * After a capture the liveness check refused or whose face did not match, it says so and asks for
 * the face again (the desk has dropped that capture).
 */
import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMessages } from '../../../i18n/i18n.tsx';
import type { FaceRetake } from '../face-retake.ts';
import { CameraCapture } from './CameraCapture.tsx';
import type { FaceCapture } from './capture-port.ts';
import { SimulatedCapture } from './SimulatedCapture.tsx';

export function CapturePanel({ capture, onCapture, consented, demo, subject, retake }: {
  capture: FaceCapture | null;
  onCapture: (capture: FaceCapture | null) => void;
  /** The face is processed only once the person has consented. */
  consented: boolean;
  demo: boolean;
  subject: { msisdn: string; documentNumber: string } | null;
  /** Why the last capture failed, when the face must be taken again. */
  retake: FaceRetake | null;
}) {
  const m = useMessages();
  const [failed, setFailed] = useState(false);
  const captured = (taken: FaceCapture) => {
    setFailed(false);
    onCapture(taken);
  };
  if (capture) {
    const from = capture.source === 'simulation' ? m.desk.capture.fromSimulation(capture.standIn ? m.desk.capture.standIns[capture.standIn] : '') : m.desk.capture.sources[capture.source];
    return (
      <Flex wrap gap={8} align="center" role="status">
        <Typography.Text>
          <CheckCircleOutlined style={{ color: '#52c41a' }} /> {m.desk.capture.taken(from)}
        </Typography.Text>
        {capture.source === 'simulation' && <Tag color="purple">{m.desk.capture.simulationTag}</Tag>}
        <Button size="small" onClick={() => onCapture(null)}>
          {m.desk.capture.again}
        </Button>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={12}>
      {retake && <Alert type="warning" showIcon title={m.desk.capture.retake[retake].title} description={m.desk.capture.retake[retake].text} />}
      {!consented && <Typography.Text type="secondary">{m.desk.capture.needsConsent}</Typography.Text>}
      {!window.isSecureContext && <Alert type="warning" showIcon title={m.desk.capture.insecureTitle} description={m.desk.capture.insecure} />}
      <CameraCapture key={String(consented)} disabled={!consented} onCaptured={captured} onFailed={() => setFailed(true)} />
      {failed && <Alert type="error" showIcon role="alert" title={m.desk.capture.failed} />}
      {demo && <SimulatedCapture subject={subject} disabled={!consented} onCaptured={captured} />}
    </Flex>
  );
}
