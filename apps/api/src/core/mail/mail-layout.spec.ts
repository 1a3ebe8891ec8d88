import { assertWebLink, escapeHtml, renderMail } from './mail-layout.js';

describe('escapeHtml', () => {
  it('neutralises markup and both quote characters', () => {
    expect(escapeHtml('<script>alert("x")</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(escapeHtml(`it's "quoted"`)).toBe('it&#39;s &quot;quoted&quot;');
  });

  it('escapes ampersands once, including in text that looks escaped already', () => {
    expect(escapeHtml('Tom & Jerry &lt;3')).toBe('Tom &amp; Jerry &amp;lt;3');
  });

  it('leaves plain text alone', () => {
    expect(escapeHtml('Plain text, 100% fine.')).toBe('Plain text, 100% fine.');
  });
});

describe('assertWebLink', () => {
  it('accepts http and https links as given', () => {
    expect(assertWebLink('https://app.example.test/verify?token=a&b=c')).toBe('https://app.example.test/verify?token=a&b=c');
    expect(assertWebLink('http://localhost:4200/x')).toBe('http://localhost:4200/x');
  });

  it('refuses script, data and relative links', () => {
    expect(() => assertWebLink('javascript:alert(1)')).toThrow(/http\(s\)/);
    expect(() => assertWebLink('data:text/html,<b>x</b>')).toThrow(/http\(s\)/);
    expect(() => assertWebLink('/verify?token=a')).toThrow(/absolute/);
  });
});

describe('renderMail', () => {
  const mail = renderMail({
    subject: 'Subject <1>',
    greeting: 'Hi <b>Ana</b>,',
    paragraphs: ['First & only.'],
    action: { label: 'Go', link: 'https://app.example.test/a?x=1&y="2"' },
    details: [['Note', 'line one\nline two']],
    footnote: 'Small print.',
  });

  it('writes the same content as plain text, unescaped, signed by the product', () => {
    expect(mail.subject).toBe('Subject <1>');
    expect(mail.text).toBe(
      'Hi <b>Ana</b>,\n\nFirst & only.\n\nGo: https://app.example.test/a?x=1&y="2"\n\nNote: line one\nline two\n\nSmall print.\n\n— ResolutionFlow\n',
    );
  });

  it('escapes every piece of content in the HTML, links included', () => {
    expect(mail.html).toContain('<title>Subject &lt;1&gt;</title>');
    expect(mail.html).toContain('Hi &lt;b&gt;Ana&lt;/b&gt;,');
    expect(mail.html).not.toContain('<b>Ana</b>');
    expect(mail.html).toContain('First &amp; only.');
    expect(mail.html).toContain('href="https://app.example.test/a?x=1&amp;y=&quot;2&quot;"');
    expect(mail.html).toContain('ResolutionFlow');
  });

  it('loads nothing from the network: no images, scripts or remote styles', () => {
    expect(mail.html).not.toMatch(/<img|<script|<link|url\(/i);
  });

  it('refuses to render a non-web link', () => {
    expect(() => renderMail({ subject: 's', paragraphs: [], action: { label: 'Go', link: 'javascript:alert(1)' } })).toThrow();
  });
});
