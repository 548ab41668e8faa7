/**
 * Writes an email as a standard .eml message (RFC 5322 headers, RFC 2047 encoded words, MIME
 * multipart/alternative with quoted-printable UTF-8 parts) so the local outbox opens in any mail
 * client and still reads in a text editor. The output is 7-bit ASCII with CRLF line ends.
 * Callers check the email first (checkEmail.ts): no value here may contain CR or LF.
 */
import { randomBytes } from 'node:crypto';
import type { OutgoingEmail } from './ports.ts';

const CRLF = '\r\n';
/** Folded lines aim at 78 characters (RFC 5322 2.1.1). */
const LINE_TARGET = 78;
/** UTF-8 bytes per encoded word: 39 bytes make 52 base64 characters, 64 with the =?UTF-8?B??= frame. */
const ENCODED_WORD_BYTES = 39;
/** Quoted-printable lines are at most 76 characters, the soft-break "=" included. */
const QP_LINE = 76;

export interface EmlEnvelope {
  date: Date;
  /** Without angle brackets, e.g. `20261129T101500000Z.ab12cd34ef56.0@outbox.localhost`. */
  messageId: string;
  /** MIME boundary; random when unset. */
  boundary?: string;
}

/** True when a header value cannot be written as it is: non-ASCII, control characters, or text a decoder would read as an encoded word. */
function needsEncoding(value: string): boolean {
  return /[^\t\x20-\x7e]/.test(value) || value.includes('=?');
}

/** RFC 2047 "B" encoded words, split on whole characters, joined by folding white space. */
function encodedWords(value: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const character of value) {
    if (Buffer.byteLength(chunk + character, 'utf8') > ENCODED_WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += character;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** Folds an ASCII value at its spaces so lines stay near 78 characters; a long word stays whole. */
function foldAtSpaces(prefixLength: number, value: string): string {
  const words = value.split(' ');
  let out = words[0] ?? '';
  let lineLength = prefixLength + out.length;
  for (const word of words.slice(1)) {
    if (lineLength + 1 + word.length > LINE_TARGET && word !== '') {
      out += `${CRLF} ${word}`;
      lineLength = 1 + word.length;
    } else {
      out += ` ${word}`;
      lineLength += 1 + word.length;
    }
  }
  return out;
}

/** An unstructured header (Subject, extra headers): as is when plain ASCII, else encoded words. */
function unstructuredHeader(name: string, value: string): string {
  if (needsEncoding(value)) return `${name}: ${encodedWords(value)}`;
  return `${name}: ${foldAtSpaces(name.length + 2, value)}`;
}

/** One mailbox, `addr` or `Name <addr>`, with the display name quoted or encoded as needed. */
function formatMailbox(value: string): string {
  // dotAll: a name holding U+2028 or U+2029 (line terminators to `.`) must still be found and encoded.
  const named = /^\s*(.*?)\s*<([^<>]*)>\s*$/s.exec(value);
  if (!named) return value.trim();
  let name = named[1] ?? '';
  const address = (named[2] ?? '').trim();
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1).replace(/\\(.)/g, '$1');
  if (name === '') return `<${address}>`;
  if (needsEncoding(name)) return `${encodedWords(name)} <${address}>`;
  if (/[()<>[\]:;@\\,."]/.test(name)) return `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>`;
  return `${name} <${address}>`;
}

/** An address header, one mailbox per folded line once the line would grow past 78 characters. */
function addressHeader(name: string, mailboxes: string[]): string {
  let out = `${name}: `;
  let lineLength = out.length;
  mailboxes.map(formatMailbox).forEach((mailbox, index) => {
    const firstLine = mailbox.split(CRLF)[0] ?? mailbox;
    if (index > 0) {
      if (lineLength + 2 + firstLine.length > LINE_TARGET) {
        out += `,${CRLF} `;
        lineLength = 1;
      } else {
        out += ', ';
        lineLength += 2;
      }
    }
    out += mailbox;
    const lastLine = mailbox.split(CRLF).at(-1) ?? mailbox;
    lineLength = mailbox.includes(CRLF) ? lastLine.length : lineLength + mailbox.length;
  });
  return out;
}

/** RFC 5322 date in UTC, e.g. `Sun, 29 Nov 2026 10:15:00 +0000`. */
function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** Quoted-printable (RFC 2045) of UTF-8 text; line breaks become CRLF, long lines soft-break. */
export function quotedPrintable(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      let out = '';
      let current = '';
      bytes.forEach((byte, index) => {
        const last = index === bytes.length - 1;
        const literal = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
        const token = literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
        if (current.length + token.length > QP_LINE - 1) {
          out += `${current}=${CRLF}`;
          current = '';
        }
        current += token;
      });
      return out + current;
    })
    .join(CRLF);
}

/** The whole message, headers and both parts, ready to write to a `.eml` file. */
export function formatEml(email: OutgoingEmail, envelope: EmlEnvelope): string {
  // "=_" cannot occur in quoted-printable text, so this boundary never collides with a part.
  const boundary = envelope.boundary ?? `=_mentoring_${randomBytes(12).toString('hex')}`;
  const part = (type: string, body: string) => [`--${boundary}`, `Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: quoted-printable', '', quotedPrintable(body)];
  return [
    addressHeader('From', [email.from]),
    addressHeader('To', email.to),
    ...(email.replyTo === undefined ? [] : [addressHeader('Reply-To', [email.replyTo])]),
    unstructuredHeader('Subject', email.subject),
    `Date: ${rfc5322Date(envelope.date)}`,
    `Message-ID: <${envelope.messageId}>`,
    ...Object.entries(email.headers ?? {}).map(([name, value]) => unstructuredHeader(name, value)),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    ...part('text/plain', email.text),
    ...part('text/html', email.html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}
