/**
 * Quầy xác thực (verification.desk): a carrier store, a mobile point, a commune point or an agency
 * session verifies the person in front of it. The place and the channel stay for the session; for
 * each person the desk types the line and the card's identity, records the person's explicit
 * consent, captures the face through the capture port, asks for the OTP when the rules need it and
 * shows per field what matched and what the person must fix; a capture the liveness check refused
 * or whose face did not match is dropped, and the face step asks for a new one. Enter submits;
 * "Người tiếp theo" (Alt+N) clears the person and puts the cursor back on the number. The number
 * and the identity go in the request's body only, never in the page's address.
 */
import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Flex, Form, Input, Radio, Row, Space, Typography, type InputRef } from 'antd';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { CHANNELS_OF_ROLE } from '../../../../src/domain/access.ts';
import { BIRTH_DATE_REASON_MESSAGES_VI, parseBirthDate } from '../../../../src/domain/birth-date.ts';
import type { VerificationChannel } from '../../../../src/domain/vocabulary.ts';
import { fieldErrorsOf, problemMessage } from '../../api/problem.ts';
import { useCampaignToday } from '../../hooks/campaign.ts';
import { useSubmitVerification, type VerificationAnswer, type VerificationRequest } from '../../hooks/desk.ts';
import { useSession } from '../../hooks/session.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { FaceCapture } from './capture/capture-port.ts';
import { CapturePanel } from './capture/CapturePanel.tsx';
import { keepDeskWhere, readDeskWhere } from './desk-session.ts';
import { faceRetakeAfter } from './face-retake.ts';
import { OtpStep } from './OtpStep.tsx';
import { ResultView } from './ResultView.tsx';
import './desk.css';

interface DeskValues {
  place: string;
  channel: VerificationChannel;
  msisdn: string;
  identity: { documentNumber: string; fullName: string; birthDate: string };
  consent: boolean;
}

/** What "Người tiếp theo" clears: everything about the person, never the place or the channel. */
const PERSON_FIELDS: ('msisdn' | 'identity' | 'consent')[] = ['msisdn', 'identity', 'consent'];
/** The request's field names, as the service names them in a refusal. */
const SERVICE_FIELDS = ['msisdn', 'channel', 'place', 'identity.documentNumber', 'identity.fullName', 'identity.birthDate', 'consent'] as const;
const DOCUMENT = /^(\d{9}|\d{12}|[A-Z0-9]{6,12})$/i;

export default function DeskPage() {
  const { m, language } = useI18n();
  const { data: principal } = useSession();
  const { data: today } = useCampaignToday();
  const channels = principal ? (CHANNELS_OF_ROLE[principal.role] ?? []) : [];
  const [form] = Form.useForm<DeskValues>();
  const consented = Form.useWatch('consent', form) === true;
  const msisdn = Form.useWatch('msisdn', form)?.trim() ?? '';
  const documentNumber = Form.useWatch(['identity', 'documentNumber'], form)?.trim() ?? '';
  const [capture, setCapture] = useState<FaceCapture | null>(null);
  const submit = useSubmitVerification();
  // The request that asked for the code, sent again with it.
  const [otpAsked, setOtpAsked] = useState<{ request: VerificationRequest; answer: VerificationAnswer & { otp: NonNullable<VerificationAnswer['otp']> } } | null>(null);
  const phone = useRef<InputRef>(null);

  const send = (request: VerificationRequest) =>
    submit.mutate(request, {
      onSuccess: (answer) => {
        setOtpAsked(answer.outcome === 'otp_required' && answer.otp ? { request, answer: { ...answer, otp: answer.otp } } : null);
        // A capture that failed is never sent again: the face step asks for a new one.
        if (faceRetakeAfter(answer)) setCapture(null);
      },
      onError: (error) => form.setFields(fieldErrorsOf(error, SERVICE_FIELDS).map(({ name, errors }) => ({ name: name.split('.') as never, errors }))),
    });

  const verify = (values: DeskValues) =>
    send({
      msisdn: values.msisdn.trim(),
      channel: values.channel,
      ...(values.place?.trim() ? { place: values.place.trim() } : {}),
      identity: { documentNumber: values.identity.documentNumber.trim(), fullName: values.identity.fullName.trim(), birthDate: values.identity.birthDate.trim() },
      faceSample: capture?.faceSample ?? null,
      liveness: capture?.liveness ?? null,
      consent: true,
    });

  const nextPerson = () => {
    form.resetFields(PERSON_FIELDS);
    setCapture(null);
    setOtpAsked(null);
    submit.reset();
    phone.current?.focus();
  };
  // Alt+N wherever the focus is (the layout's key on every keyboard: event.code).
  const onShortcut = useEffectEvent((event: KeyboardEvent) => {
    if (event.altKey && event.code === 'KeyN') {
      event.preventDefault();
      nextPerson();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onShortcut(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  if (!principal) return null;
  const answer = submit.data && submit.data.outcome !== 'otp_required' ? submit.data : null;
  const refusal = !otpAsked && submit.error;
  const retake = capture ? null : faceRetakeAfter(answer);
  return (
    <Space orientation="vertical" size="large" className="desk">
      <div>
        <Typography.Title level={3}>{m.desk.title}</Typography.Title>
        <Typography.Paragraph type="secondary">{m.desk.intro}</Typography.Paragraph>
      </div>
      <Form<DeskValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={submit.isPending}
        initialValues={{ ...readDeskWhere(channels), consent: false }}
        onValuesChange={(changed: Partial<DeskValues>, all) => {
          if ('place' in changed || 'channel' in changed) keepDeskWhere({ place: all.place ?? '', channel: all.channel });
          // A face belongs to the person whose line and card are typed; and consent withdrawn drops it.
          if ('msisdn' in changed || changed.identity?.documentNumber !== undefined || changed.consent === false) setCapture(null);
        }}
        onFinish={verify}
      >
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Card title={m.desk.where} size="small">
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="place" label={m.desk.place} extra={m.desk.placeHint} rules={[{ max: 100 }]}>
                  <Input placeholder={m.desk.placePlaceholder} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="channel" label={m.desk.channel} rules={[{ required: true, message: m.desk.required }]}>
                  <Radio.Group options={channels.map((c) => ({ value: c, label: m.channels[c] }))} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card title={m.desk.person}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="msisdn" label={m.desk.msisdn} rules={[{ required: true, whitespace: true, message: m.desk.required }, { max: 32 }]}>
                  <Input ref={phone} placeholder={m.desk.msisdnPlaceholder} inputMode="tel" autoComplete="off" autoFocus size="large" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['identity', 'documentNumber']}
                  label={m.desk.documentNumber}
                  extra={m.desk.documentHint}
                  rules={[
                    { required: true, whitespace: true, message: m.desk.required },
                    { validator: (_, value: string | undefined) => (!value?.trim() || DOCUMENT.test(value.replace(/[\s.-]/g, '')) ? Promise.resolve() : Promise.reject(new Error(m.desk.documentInvalid))) },
                  ]}
                >
                  <Input autoComplete="off" size="large" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['identity', 'fullName']} label={m.desk.fullName} extra={m.desk.fullNameHint} rules={[{ required: true, whitespace: true, message: m.desk.required }, { max: 200 }]}>
                  <Input autoComplete="off" size="large" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['identity', 'birthDate']}
                  label={m.desk.birthDate}
                  extra={m.desk.birthDateHint}
                  rules={[
                    { required: true, whitespace: true, message: m.desk.required },
                    {
                      validator: (_, value: string | undefined) => {
                        if (!value?.trim()) return Promise.resolve();
                        const parsed = parseBirthDate(value);
                        return parsed.ok ? Promise.resolve() : Promise.reject(new Error(language === 'vi' ? BIRTH_DATE_REASON_MESSAGES_VI[parsed.reason] : m.desk.birthDateHint));
                      },
                    },
                  ]}
                >
                  <Input autoComplete="off" placeholder="dd/mm/yyyy" size="large" />
                </Form.Item>
              </Col>
            </Row>
            <fieldset className="desk-consent">
              <legend>{m.desk.consentTitle}</legend>
              <Typography.Paragraph>{m.desk.consentText}</Typography.Paragraph>
              <Form.Item
                name="consent"
                valuePropName="checked"
                style={{ marginBottom: 0 }}
                rules={[{ validator: (_, value: boolean) => (value ? Promise.resolve() : Promise.reject(new Error(m.desk.consentRequired))) }]}
              >
                <Checkbox>{m.desk.consent}</Checkbox>
              </Form.Item>
            </fieldset>
            <Typography.Title level={5}>{m.desk.face}</Typography.Title>
            <CapturePanel
              capture={capture}
              onCapture={setCapture}
              consented={consented}
              demo={today?.demo === true}
              subject={msisdn && documentNumber ? { msisdn, documentNumber } : null}
              retake={retake}
            />
            <Flex wrap gap={8} className="desk-actions">
              <Button type="primary" htmlType="submit" size="large" loading={submit.isPending && !otpAsked}>
                {m.desk.submit}
              </Button>
              <Button size="large" icon={<ArrowRightOutlined />} onClick={nextPerson} aria-keyshortcuts="Alt+N">
                {m.desk.next} <Typography.Text type="secondary" keyboard>Alt+N</Typography.Text>
              </Button>
            </Flex>
            {refusal && <Alert type="error" showIcon role="alert" title={problemMessage(refusal, m)} style={{ marginTop: 16 }} />}
          </Card>
        </Space>
      </Form>
      {otpAsked && (
        <OtpStep answer={otpAsked.answer} pending={submit.isPending} error={submit.error} onCode={(otp) => send({ ...otpAsked.request, otp })} />
      )}
      {answer && <ResultView answer={answer} />}
    </Space>
  );
}
