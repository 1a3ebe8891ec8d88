/** The three parts of an email that MailService.send takes besides the recipient and tag. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** What a template says; the layout turns it into a plain-text and an HTML body that say the same thing. */
export interface MailContent {
  subject: string;
  greeting?: string;
  paragraphs: string[];
  action?: { label: string; link: string };
  /** Label/value rows, e.g. the fields of a sales lead. */
  details?: Array<[label: string, value: string]>;
  footnote?: string;
}

const BRAND = 'ResolutionFlow';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** Links come from APP_URL, but a `javascript:` or relative link must never reach an inbox. */
export function assertWebLink(link: string): string {
  let protocol: string;
  try {
    protocol = new URL(link).protocol;
  } catch {
    throw new Error('A mail link must be an absolute URL');
  }
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error('A mail link must be an http(s) URL');
  return link;
}

export function renderMail(content: MailContent): RenderedMail {
  const link = content.action && assertWebLink(content.action.link);
  return { subject: content.subject, text: renderText(content, link), html: renderHtml(content, link) };
}

function renderText(content: MailContent, link: string | undefined): string {
  const blocks = [
    content.greeting,
    ...content.paragraphs,
    content.action && `${content.action.label}: ${link}`,
    content.details?.map(([label, value]) => `${label}: ${value}`).join('\n'),
    content.footnote,
    `— ${BRAND}`,
  ];
  return `${blocks.filter(Boolean).join('\n\n')}\n`;
}

const STYLE = {
  body: 'margin:0;padding:24px;background:#f4f6f8;font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2933;line-height:1.5',
  card: 'max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px',
  brand: 'margin:0 0 24px;font-size:18px;font-weight:700;color:#1d4ed8',
  button: 'display:inline-block;padding:12px 20px;border-radius:6px;background:#1d4ed8;color:#ffffff;font-weight:600;text-decoration:none',
  small: 'font-size:13px;color:#52606d',
  label: 'padding:4px 16px 4px 0;vertical-align:top;color:#52606d;white-space:nowrap',
  value: 'padding:4px 0;white-space:pre-wrap',
};

function renderHtml(content: MailContent, link: string | undefined): string {
  const paragraph = (text: string, style = '') => `<p${style && ` style="${style}"`}>${escapeHtml(text)}</p>`;
  const parts = [
    `<p style="${STYLE.brand}">${BRAND}</p>`,
    content.greeting && paragraph(content.greeting),
    ...content.paragraphs.map((text) => paragraph(text)),
  ];
  if (content.action && link) {
    const href = escapeHtml(link);
    parts.push(
      `<p style="margin:24px 0"><a href="${href}" style="${STYLE.button}">${escapeHtml(content.action.label)}</a></p>`,
      `<p style="${STYLE.small}">If the button does not work, copy this link into your browser:<br><a href="${href}">${href}</a></p>`,
    );
  }
  if (content.details?.length) {
    const rows = content.details.map(
      ([label, value]) => `<tr><td style="${STYLE.label}">${escapeHtml(label)}</td><td style="${STYLE.value}">${escapeHtml(value)}</td></tr>`,
    );
    parts.push(`<table role="presentation" cellpadding="0" cellspacing="0">${rows.join('')}</table>`);
  }
  if (content.footnote) parts.push(paragraph(content.footnote, STYLE.small));
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(content.subject)}</title></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.card}">`,
    ...parts.filter(Boolean),
    '</div></body></html>',
    '',
  ].join('\n');
}
