/**
 * The service's SMPP 3.4 link (ESME) to one carrier's SMSC: a transceiver bind, enquire_link every
 * 30 s (and answers to the SMSC's), reconnection with exponential backoff and jitter when the link
 * drops or the bind is refused. What the SMSC sends that makes no sense (generic_nack, a malformed
 * PDU) is logged and the link is reset; the service itself never stops for it.
 *
 * The link only moves PDUs: the gateway decides what to submit (within {@link EsmeLink.capacity})
 * and answers each deliver_sm through the `respond` it is handed, once the message is stored.
 */
import net from 'node:net';
import type { Carrier } from '../../domain/index.ts';
import { SmppConnection, SmppLinkError, type MalformedPdu } from '../smpp/connection.ts';
import { STATUS, statusName, isResponse, type Pdu } from '../smpp/pdu.ts';
import type { SmsLog } from '../sms-log.ts';

export interface EsmeLinkOptions {
  carrier: Carrier;
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType: string;
  /** submit_sm sent and not yet answered. */
  windowSize: number;
  log: SmsLog;
  enquireLinkMs?: number;
  /** A request unanswered this long counts as a dead link. */
  responseTimeoutMs?: number;
  /** Reconnection delay: doubles from minMs up to maxMs, each with ±25% jitter. */
  reconnect?: { minMs: number; maxMs: number };
  /**
   * A deliver_sm from the SMSC (a phone's message or a receipt). `respond` answers it on the
   * connection it came from: if that connection is gone by then, the SMSC delivers it again after
   * the next bind.
   */
  onDeliver(link: EsmeLink, pdu: Pdu, arrival: DeliverArrival): void;
  /** The link is bound (again): submits can go. */
  onBound(link: EsmeLink): void;
}

/** How a deliver_sm came in: the answer goes back on its own connection. */
export interface DeliverArrival {
  respond: (status: number) => void;
  /** When the connection it came on was opened (ISO): the SMSC redelivers only on a later one. */
  connectedAt: string;
}

export type LinkState = 'idle' | 'connecting' | 'bound' | 'stopped';

/** One carrier's link; see the module comment. */
export class EsmeLink {
  readonly carrier: Carrier;
  private connection: SmppConnection | null = null;
  private state: LinkState = 'idle';
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private enquireTimer: NodeJS.Timeout | undefined;
  private readonly log: SmsLog;

  constructor(private readonly options: EsmeLinkOptions) {
    this.carrier = options.carrier;
    this.log = options.log.child({ carrier: options.carrier, smsc: `${options.host}:${options.port}` });
  }

  get bound(): boolean {
    return this.state === 'bound' && this.connection?.open === true;
  }

  /** submit_sm in flight on the current connection. */
  get inFlight(): number {
    return this.connection?.outstanding ?? 0;
  }

  /** How many more submit_sm the window allows now (0 while unbound). */
  get capacity(): number {
    return this.bound ? Math.max(0, this.options.windowSize - this.inFlight) : 0;
  }

  /** Connects and binds in the background; keeps reconnecting until {@link stop}. */
  start(): void {
    if (this.state !== 'idle') return;
    this.connect();
  }

  /** Sends one submit_sm; resolves with submit_sm_resp (any status) or generic_nack, rejects when the link drops. */
  submit(fields: Record<string, unknown>): Promise<Pdu> {
    const connection = this.connection;
    if (!connection || !this.bound) return Promise.reject(new SmppLinkError('link not bound', 'closed'));
    return connection.request('submit_sm', fields, this.options.responseTimeoutMs ?? 30_000).then((resp) => {
      if (resp.command === 'generic_nack') this.reset(connection, `generic_nack ${statusName(resp.command_status)} cho submit_sm`);
      return resp;
    }, (error: unknown) => {
      if (error instanceof SmppLinkError && error.reason === 'timeout') this.reset(connection, 'submit_sm không được trả lời');
      throw error;
    });
  }

  /** Unbinds cleanly (waits briefly for unbind_resp), closes and stops reconnecting. */
  async stop(): Promise<void> {
    const wasBound = this.bound;
    this.state = 'stopped';
    clearTimeout(this.reconnectTimer);
    clearInterval(this.enquireTimer);
    const connection = this.connection;
    if (!connection) return;
    if (wasBound) {
      await connection.request('unbind', {}, 2_000).catch(() => undefined);
    }
    const closed = connection.end();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
    await Promise.race([closed, timeout]);
    connection.destroy();
    this.log.info({}, 'đã đóng kết nối SMPP');
  }

  private connect(): void {
    this.state = 'connecting';
    const socket = net.connect({ host: this.options.host, port: this.options.port });
    const connection = new SmppConnection(socket);
    this.connection = connection;
    let connectedAt = '';
    socket.once('connect', () => {
      connectedAt = new Date().toISOString();
      this.bind(connection);
    });
    socket.once('error', (error) => this.log.warn({ err: error.message }, 'lỗi kết nối tới SMSC'));
    connection.on('pdu', (pdu) => this.onPduContained(connection, pdu, connectedAt));
    connection.on('malformed', (bad) => this.onMalformed(connection, bad));
    connection.on('close', () => this.onClose(connection));
  }

  private bind(connection: SmppConnection): void {
    connection
      .request(
        'bind_transceiver',
        { system_id: this.options.systemId, password: this.options.password, system_type: this.options.systemType, interface_version: 0x34 },
        this.options.responseTimeoutMs ?? 30_000,
      )
      .then(
        (resp) => {
          if (connection !== this.connection || this.state === 'stopped') return;
          if (resp.command_status !== STATUS.OK || resp.command !== 'bind_transceiver_resp') {
            this.log.error({ status: statusName(resp.command_status), command: resp.command }, 'SMSC từ chối bind');
            connection.destroy();
            return;
          }
          this.state = 'bound';
          this.failures = 0;
          this.log.info({ systemId: this.options.systemId }, 'đã bind transceiver');
          this.enquireTimer = setInterval(() => this.enquire(connection), this.options.enquireLinkMs ?? 30_000).unref();
          this.options.onBound(this);
        },
        () => connection.destroy(),
      );
  }

  private enquire(connection: SmppConnection): void {
    connection.request('enquire_link', {}, this.options.responseTimeoutMs ?? 30_000).catch((error: unknown) => {
      if (error instanceof SmppLinkError && error.reason === 'timeout') this.reset(connection, 'enquire_link không được trả lời');
    });
  }

  /**
   * Handles one PDU; an exception from its handling ends neither the process (it would be thrown
   * out of the socket's data event) nor the link: it is logged, and a request not answered yet
   * gets ESME_RX_P_APPN, so the SMSC neither waits for it (its window would fill) nor delivers it
   * again to fail the same way.
   */
  private onPduContained(connection: SmppConnection, pdu: Pdu, connectedAt: string): void {
    let answered = false;
    const respond = (status: number) => {
      if (answered) return;
      answered = true;
      connection.respond(pdu, status);
    };
    try {
      this.onPdu(connection, pdu, connectedAt, respond);
    } catch (error) {
      this.log.error({ err: error, command: pdu.command }, 'lỗi khi xử lý PDU từ SMSC: ESME_RX_P_APPN');
      if (!isResponse(pdu)) respond(STATUS.RX_P_APPN);
    }
  }

  private onPdu(connection: SmppConnection, pdu: Pdu, connectedAt: string, respond: (status: number) => void): void {
    switch (pdu.command) {
      case 'deliver_sm':
        // Not `state !== 'bound'`: the SMSC may send right behind its bind_resp, before the bind's
        // promise has settled; only a stopping link refuses (the SMSC keeps the message).
        if (this.state === 'stopped') return respond(STATUS.RINVBNDSTS);
        return this.options.onDeliver(this, pdu, { respond, connectedAt });
      case 'enquire_link':
        return respond(STATUS.OK);
      case 'unbind':
        this.log.warn({}, 'SMSC gửi unbind: đóng và kết nối lại');
        respond(STATUS.OK);
        void connection.end();
        return;
      case 'generic_nack':
        return this.reset(connection, `SMSC gửi generic_nack ${statusName(pdu.command_status)}`);
      case 'unknown':
        this.log.warn({ commandId: pdu.command_id }, 'SMSC gửi lệnh không biết: generic_nack ESME_RINVCMDID');
        return respond(STATUS.RINVCMDID);
      default:
        if (isResponse(pdu)) {
          this.log.debug({ command: pdu.command }, 'phản hồi không ai chờ: bỏ qua');
          return;
        }
        this.log.warn({ command: pdu.command }, 'SMSC gửi lệnh không hỗ trợ: ESME_RINVCMDID');
        return respond(STATUS.RINVCMDID);
    }
  }

  private onMalformed(connection: SmppConnection, bad: MalformedPdu): void {
    connection.send('generic_nack', bad.sequenceNumber, STATUS.RINVCMDLEN);
    this.reset(connection, `PDU hỏng từ SMSC (${bad.problem})`);
  }

  /** Drops a link that can no longer be trusted; it reconnects through {@link onClose}. */
  private reset(connection: SmppConnection, why: string): void {
    if (connection !== this.connection) return;
    this.log.warn({ why }, 'đặt lại kết nối SMPP');
    connection.stopReading();
    void connection.end();
    setTimeout(() => connection.destroy(), 1_000).unref();
  }

  private onClose(connection: SmppConnection): void {
    if (connection !== this.connection) return;
    clearInterval(this.enquireTimer);
    if (this.state === 'stopped') return;
    const wasBound = this.state === 'bound';
    this.state = 'connecting';
    this.failures += 1;
    const { minMs, maxMs } = this.options.reconnect ?? { minMs: 1_000, maxMs: 30_000 };
    const base = Math.min(maxMs, minMs * 2 ** Math.min(this.failures - 1, 16));
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.log[wasBound ? 'warn' : 'info']({ delayMs: delay, failures: this.failures }, 'mất kết nối SMSC: sẽ kết nối lại');
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }
}
