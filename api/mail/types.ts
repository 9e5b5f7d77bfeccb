/** An e-mail as the outbox stores it (encrypted) and the worker sends it. */
export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string | undefined;
}

/** Encrypts and decrypts what is stored at rest; api/crypto provides the real one. */
export interface Cipher {
  encrypt(plain: Uint8Array): Buffer;
  decrypt(sealed: Uint8Array): Buffer;
}

/** What sends a message: nodemailer in the server, anything with the same shape in a test. */
export interface MailTransport {
  sendMail(message: { from: string; to: string[]; subject: string; text: string; html?: string | undefined; messageId: string }): Promise<unknown>;
}
