/**
 * The demo's stand-ins for a capture device (only when the service is a demo): the simulator
 * answers the template of the person the card names, of someone else, or a printed photo of the
 * person, so a desk can rehearse each case. Labelled as a simulation, plainly.
 */
import { Alert, Button, Flex, Tag, Typography } from 'antd';
import { problemMessage } from '../../../api/problem.ts';
import { useSimulatedCapture, type SimulatedStandIn } from '../../../hooks/desk.ts';
import { useMessages } from '../../../i18n/i18n.tsx';
import type { FaceCapture } from './capture-port.ts';
import { simulatedPort } from './sources.ts';

const STAND_INS: readonly SimulatedStandIn[] = ['person', 'someone_else', 'printed_photo'];

export function SimulatedCapture({ subject, disabled, onCaptured }: {
  /** The number and the card's document at the desk; null until both are typed. */
  subject: { msisdn: string; documentNumber: string } | null;
  disabled: boolean;
  onCaptured: (capture: FaceCapture) => void;
}) {
  const m = useMessages();
  const simulate = useSimulatedCapture();
  const take = async (standIn: SimulatedStandIn) => {
    if (!subject) return;
    const port = simulatedPort((s) => simulate.mutateAsync({ ...subject, standIn: s }), standIn);
    try {
      onCaptured(await port.capture());
    } catch {
      // Shown below from the mutation's error.
    }
  };
  return (
    <Flex vertical gap={8} className="desk-simulation" role="group" aria-label={m.desk.capture.simulation}>
      <Flex wrap gap={8} align="center">
        <Tag color="purple">{m.desk.capture.simulationTag}</Tag>
        <Typography.Text>{m.desk.capture.simulationExplained}</Typography.Text>
      </Flex>
      <Flex wrap gap={8}>
        {STAND_INS.map((standIn) => (
          <Button key={standIn} disabled={disabled || !subject} loading={simulate.isPending && simulate.variables.standIn === standIn} onClick={() => void take(standIn)}>
            {m.desk.capture.standIns[standIn]}
          </Button>
        ))}
      </Flex>
      {!subject && !disabled && <Typography.Text type="secondary">{m.desk.capture.simulationNeeds}</Typography.Text>}
      {simulate.error && <Alert type="error" showIcon role="alert" title={problemMessage(simulate.error, m)} />}
    </Flex>
  );
}
