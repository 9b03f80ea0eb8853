// Keeps credentials out of every message the client builds, even when a server echoes them back.

const AUTH_SCHEME_VALUE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const REDACTED = '[redacted]';
/** Old tokens are remembered for a while: a late error may still quote one. */
const MAX_REMEMBERED = 16;

export class SecretRedactor {
  private readonly secrets: string[] = [];

  constructor(initial: string[] = []) {
    for (const secret of initial) this.add(secret);
  }

  add(secret: string): void {
    // Very short strings would redact ordinary words; real secrets and tokens are long.
    if (secret.length < 4 || this.secrets.includes(secret)) return;
    this.secrets.push(secret);
    if (this.secrets.length > MAX_REMEMBERED + 2) this.secrets.splice(2, 1);
  }

  redact(text: string): string {
    let out = text.replace(AUTH_SCHEME_VALUE, `$1 ${REDACTED}`);
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }
}
