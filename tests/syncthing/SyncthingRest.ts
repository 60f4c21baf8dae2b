/** What `/rest/db/status` says of a folder (the fields the harness reads). */
export interface FolderStatus {
  state: string;
  needTotalItems: number;
  pullErrors: number;
  sequence: number;
  globalFiles: number;
  globalBytes: number;
  localFiles: number;
  localBytes: number;
}

/** What `/rest/db/completion` says of how far a remote device has the folder. */
export interface RemoteCompletion {
  completion: number;
  needItems: number;
  needDeletes: number;
  sequence: number;
  remoteState?: string;
}

/** The REST API of one Syncthing instance on 127.0.0.1, authenticated by the API key the harness set. */
export class SyncthingRest {
  constructor(
    readonly port: number,
    private readonly apiKey: string,
  ) {}

  private async call(method: 'GET' | 'POST', path: string): Promise<unknown> {
    const response = await fetch(`http://127.0.0.1:${this.port}${path}`, {
      method,
      headers: { 'X-API-Key': this.apiKey },
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`Syncthing ${method} ${path} answered ${response.status}: ${text.trim()}`);
    return text.length > 0 ? JSON.parse(text) : null;
  }

  async ping(): Promise<void> {
    await this.call('GET', '/rest/system/ping');
  }

  async myId(): Promise<string> {
    return ((await this.call('GET', '/rest/system/status')) as { myID: string }).myID;
  }

  /** The options as Syncthing loaded them (names as in config.xml, listen addresses as a list). */
  async options(): Promise<Record<string, unknown>> {
    return (await this.call('GET', '/rest/config/options')) as Record<string, unknown>;
  }

  async folderStatus(folder: string): Promise<FolderStatus> {
    return (await this.call('GET', `/rest/db/status?folder=${encodeURIComponent(folder)}`)) as FolderStatus;
  }

  async completion(folder: string, device: string): Promise<RemoteCompletion> {
    const query = `folder=${encodeURIComponent(folder)}&device=${encodeURIComponent(device)}`;
    return (await this.call('GET', `/rest/db/completion?${query}`)) as RemoteCompletion;
  }

  async folderErrors(folder: string): Promise<unknown> {
    return this.call('GET', `/rest/folder/errors?folder=${encodeURIComponent(folder)}`);
  }

  async connected(device: string): Promise<boolean> {
    const body = (await this.call('GET', '/rest/system/connections')) as {
      connections: Record<string, { connected: boolean; paused: boolean }>;
    };
    const connection = body.connections[device];
    return connection?.connected === true && !connection.paused;
  }

  /** Scans the folder now; Syncthing answers once the scan is done. */
  async scan(folder: string): Promise<void> {
    await this.call('POST', `/rest/db/scan?folder=${encodeURIComponent(folder)}`);
  }

  /** Pauses every remote device: nothing is sent or received until `resume()`. */
  async pause(): Promise<void> {
    await this.call('POST', '/rest/system/pause');
  }

  async resume(): Promise<void> {
    await this.call('POST', '/rest/system/resume');
  }
}
