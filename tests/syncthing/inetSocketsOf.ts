import { readdir, readFile, readlink } from 'node:fs/promises';

export interface InetSocket {
  table: string;
  local: string;
  remote: string;
}

/** "0100007F:8035" (as /proc/net/tcp writes it: 32-bit words in host order, here little-endian) -> "127.0.0.1:32821". */
function decodeAddress(hex: string): string {
  const [addr = '', port = ''] = hex.split(':');
  const words = addr.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) => (w.match(/.{2}/g) ?? []).reverse().map((b) => Number.parseInt(b, 16)));
  const portNumber = Number.parseInt(port, 16);
  if (bytes.length === 4) return `${bytes.join('.')}:${portNumber}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return `[${groups.join(':')}]:${portNumber}`;
}

/** Every TCP and UDP socket (IPv4 and IPv6) the given processes hold open, with both ends. */
export async function inetSocketsOf(pids: number[]): Promise<InetSocket[]> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    }
  }
  const sockets: InetSocket[] = [];
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
    const lines = (await readFile(`/proc/net/${table}`, 'utf8').catch(() => '')).split('\n').slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (fields.length > 9 && inodes.has(fields[9]!)) {
        sockets.push({ table, local: decodeAddress(fields[1]!), remote: decodeAddress(fields[2]!) });
      }
    }
  }
  return sockets;
}
