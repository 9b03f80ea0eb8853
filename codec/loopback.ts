// Whether a host is this machine alone: the codec server may go without a token there, and the CLI
// only uses npm start's key for a server there.

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** "127.0.0.1:7233" → "127.0.0.1", "[::1]:7233" → "[::1]". */
export function hostOf(address: string): string {
  return address.replace(/:\d+$/, '');
}
