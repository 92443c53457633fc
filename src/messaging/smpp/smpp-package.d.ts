/**
 * Types for the parts of the `smpp` package (0.5.x, plain JavaScript) that tttb uses: its PDU codec
 * and its tables of commands, status codes and constants. Connections are framed by tttb itself
 * (see connection.ts), so the package's Session and Server are not declared.
 */
declare module 'smpp' {
  /** A decoded or to-be-encoded PDU: header fields plus the command's parameters and TLVs by name. */
  export class PDU {
    constructor(buffer: Buffer);
    constructor(command: string, options?: Record<string, unknown>);
    static maxLength: number;
    command: string;
    command_id: number;
    command_status: number;
    command_length: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    toBuffer(): Buffer;
  }
  export interface CommandDefinition {
    id: number;
    command: string;
    params?: Record<string, { type: unknown }>;
  }
  /** The package is CommonJS and fills most exports in loops: only its default import is complete. */
  const smpp: {
    PDU: typeof PDU;
    commands: Record<string, CommandDefinition>;
    commandsById: Record<number, CommandDefinition | undefined>;
    errors: Record<string, number>;
    /** Parameter types, compared by identity to walk a PDU's mandatory parameters. */
    types: Record<'int8' | 'int16' | 'int32' | 'cstring' | 'string' | 'buffer', unknown>;
    gsmCoder: { encode(text: string, shift: number): Buffer; decode(bytes: Buffer, shift: number): string };
  };
  export default smpp;
}
