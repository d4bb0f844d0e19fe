const BULLETS = '\u2022\u2022\u2022';

/** `jan.jansen@contoso.com` -> `j•••@contoso.com`: enough for the owner to recognise, too little to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at > 0 ? email.slice(0, at) : email;
  const domain = at > 0 ? email.slice(at + 1) : '';
  const first = [...local][0] ?? '';
  return domain ? `${first}${BULLETS}@${domain}` : `${first}${BULLETS}`;
}
