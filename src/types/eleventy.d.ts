// Eleventy 3 ships JavaScript without declarations; this is the part Gazette calls.
declare module '@11ty/eleventy' {
  import type { EleventyConfig } from '../build/eleventy-types.ts';

  interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string | false;
    config?: (config: EleventyConfig) => void | Promise<void>;
  }

  export default class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    /** Writes the pages, as the bench's stock Eleventy baseline does. */
    write(): Promise<unknown[]>;
    toJSON(): Promise<unknown[]>;
    /** Stops Eleventy printing to the console, its error reports included. */
    disableLogger(): void;
  }
}

// The dev server behind `eleventy --serve`, used by `gazette serve` to serve _site/ with live reload.
declare module '@11ty/eleventy-dev-server' {
  import type { IncomingMessage, Server, ServerResponse } from 'node:http';

  interface DevServerOptions {
    liveReload?: boolean;
    domDiff?: boolean;
    showVersion?: boolean;
    logger?: {
      info(message: string): void;
      error(message: string): void;
      log?(message: string): void;
    };
    /** Connect-style handlers run before the server's own, in order. */
    middleware?: ((req: IncomingMessage, res: ServerResponse, next: () => void) => void)[];
  }

  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options?: DevServerOptions): EleventyDevServer;
    serve(port: number): void;
    reload(): void;
    /** Resolves once the server listens. */
    ready(): Promise<void>;
    /** The HTTP server, made on first use. */
    readonly server: Server;
    /**
     * How `serve` (and a retry on the next port) listens: on every address.
     * Internal to 2.1, replaced by `gazette serve --host` to listen on one.
     */
    _serverListen(port: number): void;
  }
}
