// Types of build-client.mjs, which is plain JavaScript so that it runs before tsx is loaded.

/** The version of the messages between a build server and its clients. */
export declare const PROTOCOL: number;

/** The folder of the Gazette installation (the repository root). */
export declare const INSTALL: string;

/** `gazette build`'s flags, as a client sends them. */
export interface BuildRequestFlags {
  fresh: boolean;
  drafts: boolean;
  future: boolean;
}

/** A plain `gazette build` command line: its project and flags. */
export interface PlainBuild {
  readonly root: string;
  readonly flags: BuildRequestFlags;
}

/** Where a client's build reports go, and what it builds with. */
export interface ClientIo {
  readonly out: { write(text: string): unknown };
  readonly err: {
    write(text: string): unknown;
    readonly isTTY?: boolean;
    readonly columns?: number;
  };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** What a client asks of the server, less the protocol version that `exchange` adds. */
export type ServerRequest =
  | {
      command: 'build';
      root: string;
      install: string;
      flags: BuildRequestFlags;
      env: Record<string, string>;
      cwd: string;
      terminal: { isTTY: boolean; columns: number };
    }
  | { command: 'status' }
  | { command: 'stop' };

/** One message from the server. */
export type ServerMessage =
  | { out: string }
  | { err: string }
  | { exit: number }
  | { refused: string }
  | { status: ServerStatus }
  | { stopping: true };

/** What `gazette daemon --status` reports. */
export interface ServerStatus {
  readonly pid: number;
  readonly root: string;
  readonly install: string;
  readonly since: string;
  readonly builds: number;
  readonly idleMinutes: number;
}

export declare function projectRoot(root: string): string;
export declare function serverAddress(root: string): string;
export declare function plainBuild(argv: readonly string[]): PlainBuild | null;
export declare function isClientSetting(name: string): boolean;
export declare function forwardedEnv(env: NodeJS.ProcessEnv): Record<string, string>;
export declare function exchange(
  address: string,
  request: ServerRequest,
  onMessage: (message: ServerMessage) => void,
): Promise<boolean>;
export declare function buildInServer(
  build: PlainBuild,
  io: ClientIo,
  install?: string,
): Promise<number | null>;
