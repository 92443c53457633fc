/** Messaging: the notice outbox and its delivery over SMPP 3.4 (links, SMSC simulator, phone client). */
export { listNoticesOf, queueNotice, queueNotices, type NewNotice } from './notices.repository.ts';
export { startSmsService, type SmsService, type SmsServiceOptions } from './sms.service.ts';
export { SmsGateway, REPLY_NOTICE_KIND, type CarrierLinkStatus } from './gateway/sms.gateway.ts';
export { countInboundByCarrier } from './gateway/sms-gateway.repository.ts';
export { startSmscSimulator, PHONES_SYSTEM_ID, type InboxText, type SmscSimulator } from './smsc/smsc.simulator.ts';
export { PhoneClient, type PhoneReply } from './phone/phone.client.ts';
export { readSimulatorFile, simulatorFilePath, type SimulatorFile } from './smsc/simulator-file.ts';
export { createOutboxSignal, type OutboxSignal } from './outbox-signal.ts';
export type { InboundSms, InboundSmsHandler, SmsReply } from './inbound.ts';
