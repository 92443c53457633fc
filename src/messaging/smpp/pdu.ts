/**
 * SMPP 3.4 PDUs: the `smpp` package's codec and tables, plus the checks it leaves out. The package
 * decodes whatever bytes it is given; an SMSC (and a careful ESME) must instead refuse a PDU whose
 * command_length is impossible or whose mandatory parameters run past its end.
 *
 * The PDUs of the message path (submit_sm, deliver_sm, their responses, enquire_link, unbind,
 * generic_nack) have their own codec here, checked byte by byte: the package's is generic
 * (parameter filters, text re-encoding, GSM tables re-indexed on every call) and cost a third of
 * the CPU of a round trip. short_message stays raw octets; short-message.ts reads the text.
 */
import smpp from 'smpp';

/** A decoded PDU: the header, then parameters and known TLVs by their SMPP names. */
export interface Pdu {
  command: string;
  command_id: number;
  command_status: number;
  sequence_number: number;
  [field: string]: unknown;
}

/** A string parameter of a decoded PDU ('' when absent). */
export function stringField(pdu: Pdu, name: string): string {
  const value = pdu[name];
  return typeof value === 'string' ? value : '';
}

/** An integer parameter of a decoded PDU (0 when absent). */
export function numberField(pdu: Pdu, name: string): number {
  const value = pdu[name];
  return typeof value === 'number' ? value : 0;
}

/** Whether the PDU is a response (command_id has its high bit set). */
export function isResponse(pdu: Pdu): boolean {
  return (pdu.command_id & 0x80000000) !== 0;
}

/** The command_status values tttb sends or reacts to (SMPP 3.4 §5.1.3). */
export const STATUS = {
  OK: 0x00,
  RINVMSGLEN: 0x01,
  RINVCMDLEN: 0x02,
  RINVCMDID: 0x03,
  RINVBNDSTS: 0x04,
  RSYSERR: 0x08,
  RINVSRCADR: 0x0a,
  RINVDSTADR: 0x0b,
  RINVPASWD: 0x0e,
  RINVSYSID: 0x0f,
  RMSGQFUL: 0x14,
  RTHROTTLED: 0x58,
  RX_T_APPN: 0x64,
  RX_P_APPN: 0x65,
} as const;

/** The header: command_length, command_id, command_status, sequence_number (4 octets each). */
export const HEADER_LENGTH = 16;
/** The longest PDU accepted; a longer command_length is garbage or an attack. */
export const MAX_PDU_LENGTH = smpp.PDU.maxLength;

const STATUS_NAMES = new Map(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

/** `ESME_RTHROTTLED (0x00000058)`: the status as logs and notices.last_error show it. */
export function statusName(status: number): string {
  return `${STATUS_NAMES.get(status) ?? 'ESME_UNKNOWN'} (0x${status.toString(16).toUpperCase().padStart(8, '0')})`;
}

/**
 * Errors after which the same message may succeed later: back off and send it again. A bind-state
 * error belongs here too: the other side is between binds, not refusing the message.
 */
export function isTransientStatus(status: number): boolean {
  return (
    status === STATUS.RTHROTTLED ||
    status === STATUS.RMSGQFUL ||
    status === STATUS.RSYSERR ||
    status === STATUS.RX_T_APPN ||
    status === STATUS.RINVBNDSTS
  );
}

/** Encodes one PDU; `fields` are the command's parameters and TLVs by their SMPP names. */
export function encodePdu(command: string, fields: Record<string, unknown>): Buffer {
  const fast = FAST_COMMANDS.get(command);
  if (fast) return encodeFast(fast, fields);
  return new smpp.PDU(command, fields).toBuffer();
}

export type Decoded =
  | { ok: true; pdu: Pdu }
  | { ok: false; commandId: number; sequenceNumber: number; problem: string };

/**
 * Decodes one whole PDU (`frame.length` = its command_length, already checked to be within
 * {@link HEADER_LENGTH}…{@link MAX_PDU_LENGTH}). A request whose mandatory parameters do not fit in
 * the frame is refused rather than decoded into half-read fields. Unknown command ids decode as
 * command `unknown` (answered with generic_nack ESME_RINVCMDID).
 */
export function decodePdu(frame: Buffer): Decoded {
  const commandId = frame.readUInt32BE(4);
  const sequenceNumber = frame.readUInt32BE(12);
  const fast = FAST_COMMANDS_BY_ID.get(commandId);
  if (fast) {
    const pdu = decodeFast(fast, frame);
    return typeof pdu === 'string' ? { ok: false, commandId, sequenceNumber, problem: pdu } : { ok: true, pdu };
  }
  const definition = smpp.commandsById[commandId];
  const isResponse = (commandId & 0x80000000) !== 0;
  if (definition && !isResponse) {
    const problem = mandatoryParamsProblem(frame, definition.params ?? {});
    if (problem) return { ok: false, commandId, sequenceNumber, problem };
  }
  try {
    return { ok: true, pdu: new smpp.PDU(frame) };
  } catch (error) {
    return { ok: false, commandId, sequenceNumber, problem: (error as Error).message };
  }
}

const FIXED_SIZES = new Map<unknown, number>([
  [smpp.types.int8, 1],
  [smpp.types.int16, 2],
  [smpp.types.int32, 4],
]);

/** Walks the mandatory parameters over the raw bytes; returns what is wrong, or null. */
function mandatoryParamsProblem(frame: Buffer, params: Record<string, { type: unknown }>): string | null {
  let offset = HEADER_LENGTH;
  for (const [name, { type }] of Object.entries(params)) {
    const fixed = FIXED_SIZES.get(type);
    if (fixed !== undefined) {
      offset += fixed;
    } else if (type === smpp.types.cstring) {
      const end = frame.indexOf(0, offset);
      if (end < 0) return `${name}: C-Octet String without its NULL terminator`;
      offset = end + 1;
    } else if (type === smpp.types.string || type === smpp.types.buffer) {
      if (offset >= frame.length) return `${name}: missing length octet`;
      offset += 1 + (frame[offset] ?? 0);
    } else {
      return null; // lists (submit_multi): leave to the codec
    }
    if (offset > frame.length) return `${name}: runs past command_length ${frame.length}`;
  }
  return null;
}

type FastLayout = 'message' | 'message_id' | 'empty';
interface FastCommand {
  command: string;
  id: number;
  layout: FastLayout;
}

const FAST_LIST: FastCommand[] = [
  { command: 'submit_sm', id: 0x00000004, layout: 'message' },
  { command: 'deliver_sm', id: 0x00000005, layout: 'message' },
  { command: 'submit_sm_resp', id: 0x80000004, layout: 'message_id' },
  { command: 'deliver_sm_resp', id: 0x80000005, layout: 'message_id' },
  { command: 'enquire_link', id: 0x00000015, layout: 'empty' },
  { command: 'enquire_link_resp', id: 0x80000015, layout: 'empty' },
  { command: 'unbind', id: 0x00000006, layout: 'empty' },
  { command: 'unbind_resp', id: 0x80000006, layout: 'empty' },
  { command: 'generic_nack', id: 0x80000000, layout: 'empty' },
];
const FAST_COMMANDS = new Map(FAST_LIST.map((c) => [c.command, c]));
const FAST_COMMANDS_BY_ID = new Map(FAST_LIST.map((c) => [c.id, c]));

/** submit_sm and deliver_sm share one body (SMPP 3.4 §4.4.1, §4.6.1): [name, C-Octet String?] in order. */
const MESSAGE_FIELDS: readonly (readonly [string, boolean])[] = [
  ['service_type', true],
  ['source_addr_ton', false],
  ['source_addr_npi', false],
  ['source_addr', true],
  ['dest_addr_ton', false],
  ['dest_addr_npi', false],
  ['destination_addr', true],
  ['esm_class', false],
  ['protocol_id', false],
  ['priority_flag', false],
  ['schedule_delivery_time', true],
  ['validity_period', true],
  ['registered_delivery', false],
  ['replace_if_present_flag', false],
  ['data_coding', false],
  ['sm_default_msg_id', false],
];
const MESSAGE_STRINGS = MESSAGE_FIELDS.filter(([, isString]) => isString).map(([name]) => name);
const TLV_RECEIPTED_MESSAGE_ID = 0x001e;
const TLV_MESSAGE_STATE = 0x0427;
const TLV_MESSAGE_PAYLOAD = 0x0424;

/** Encodes a fast-path PDU into one buffer sized up front (no intermediate chunks). */
function encodeFast(command: FastCommand, fields: Record<string, unknown>): Buffer {
  const status = Number(fields['command_status'] ?? 0);
  // An error response carries no body (SMPP 3.4 §3.3: the body is only returned on success).
  const withBody = !(status !== 0 && command.layout === 'message_id');
  let length = HEADER_LENGTH;
  let message: Buffer | null = null;
  let receiptedId: string | null = null;
  let messageState: number | null = null;
  if (command.layout === 'message_id' && withBody) length += text(fields['message_id']).length + 1;
  if (command.layout === 'message') {
    for (const name of MESSAGE_STRINGS) length += text(fields[name]).length + 1;
    message = Buffer.isBuffer(fields['short_message']) ? fields['short_message'] : Buffer.from(text(fields['short_message']), 'latin1');
    length += MESSAGE_FIELDS.length - MESSAGE_STRINGS.length + 1 + message.length;
    if (typeof fields['receipted_message_id'] === 'string') {
      receiptedId = fields['receipted_message_id'];
      length += 4 + receiptedId.length + 1;
    }
    if (typeof fields['message_state'] === 'number') {
      messageState = fields['message_state'];
      length += 5;
    }
  }
  const out = Buffer.allocUnsafe(length);
  out.writeUInt32BE(length, 0);
  out.writeUInt32BE(command.id, 4);
  out.writeUInt32BE(status >>> 0, 8);
  out.writeUInt32BE(Number(fields['sequence_number'] ?? 0) >>> 0, 12);
  let offset = HEADER_LENGTH;
  if (command.layout === 'message_id' && withBody) offset = writeCString(out, offset, text(fields['message_id']));
  if (message) {
    for (const [name, isString] of MESSAGE_FIELDS) {
      if (isString) offset = writeCString(out, offset, text(fields[name]));
      else out[offset++] = Number(fields[name] ?? 0) & 0xff;
    }
    out[offset++] = message.length;
    offset += message.copy(out, offset);
    if (receiptedId !== null) {
      out.writeUInt16BE(TLV_RECEIPTED_MESSAGE_ID, offset);
      out.writeUInt16BE(receiptedId.length + 1, offset + 2);
      offset = writeCString(out, offset + 4, receiptedId);
    }
    if (messageState !== null) {
      out.writeUInt16BE(TLV_MESSAGE_STATE, offset);
      out.writeUInt16BE(1, offset + 2);
      out[offset + 4] = messageState & 0xff;
    }
  }
  return out;
}

/** Writes a C-Octet String (one octet per character, Latin-1) and its NULL; returns the next offset. */
function writeCString(out: Buffer, offset: number, value: string): number {
  for (let i = 0; i < value.length; i++) out[offset++] = value.charCodeAt(i) & 0xff;
  out[offset++] = 0;
  return offset;
}

/** Reads a C-Octet String at `offset`: [value, next offset], or null without its NULL terminator. */
function readCString(frame: Buffer, offset: number): [string, number] | null {
  const end = frame.indexOf(0, offset);
  if (end < 0) return null;
  let value = '';
  for (let i = offset; i < end; i++) value += String.fromCharCode(frame[i] ?? 0);
  return [value, end + 1];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Decodes a fast-path PDU, or says why its body is malformed. */
function decodeFast(command: FastCommand, frame: Buffer): Pdu | string {
  const pdu: Pdu = {
    command: command.command,
    command_id: command.id,
    command_status: frame.readUInt32BE(8),
    sequence_number: frame.readUInt32BE(12),
  };
  if (command.layout === 'empty') return pdu;
  if (command.layout === 'message_id') {
    // Error responses may come without a body.
    if (frame.length === HEADER_LENGTH) return pdu;
    const read = readCString(frame, HEADER_LENGTH);
    if (!read) return 'message_id: C-Octet String without its NULL terminator';
    pdu['message_id'] = read[0];
    return pdu;
  }
  let offset = HEADER_LENGTH;
  for (const [name, isString] of MESSAGE_FIELDS) {
    if (isString) {
      const read = readCString(frame, offset);
      if (!read) return `${name}: C-Octet String without its NULL terminator`;
      pdu[name] = read[0];
      offset = read[1];
    } else {
      if (offset >= frame.length) return `${name}: runs past command_length ${frame.length}`;
      pdu[name] = frame[offset++];
    }
  }
  if (offset >= frame.length) return `sm_length: runs past command_length ${frame.length}`;
  const smLength = frame[offset++] ?? 0;
  if (offset + smLength > frame.length) return `short_message: ${smLength} octets run past command_length ${frame.length}`;
  pdu['short_message'] = frame.subarray(offset, offset + smLength);
  offset += smLength;
  while (offset + 4 <= frame.length) {
    const tag = frame.readUInt16BE(offset);
    const length = frame.readUInt16BE(offset + 2);
    offset += 4;
    if (offset + length > frame.length) return `TLV 0x${tag.toString(16)}: runs past command_length ${frame.length}`;
    if (tag === TLV_RECEIPTED_MESSAGE_ID) pdu['receipted_message_id'] = readCString(frame.subarray(offset, offset + length), 0)?.[0] ?? '';
    else if (tag === TLV_MESSAGE_STATE) pdu['message_state'] = frame[offset];
    else if (tag === TLV_MESSAGE_PAYLOAD) pdu['message_payload'] = frame.subarray(offset, offset + length);
    offset += length;
  }
  return pdu;
}
