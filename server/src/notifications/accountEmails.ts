/**
 * The emails about a person's own account (an invitation, a password reset, the confirmation of a
 * public registration), in the six languages. Unlike notification emails they carry a link that
 * is a credential, have no unsubscribe (the person asked for them, or an administrator did) and
 * name the moment the link stops working, in UTC (an email has no viewer's time zone to ask).
 */
import { directionOf, type Language } from '../../../shared/i18n/languages.ts';
import type { OutgoingEmail } from './mailer.ts';

export const ACCOUNT_EMAIL_KINDS = ['invitation', 'password-reset', 'registration'] as const;
export type AccountEmailKind = (typeof ACCOUNT_EMAIL_KINDS)[number];

/** What an account email says; written into the outbox row until it is sent. */
export interface AccountEmail {
  kind: AccountEmailKind;
  /** The person it is about: it is not sent if they were deactivated in the meantime. */
  userId: string;
  to: string;
  name: string;
  language: Language;
  /** The link (a credential: it leaves the outbox row once the email is sent). */
  url: string;
  expiresAt: number;
  /** The public meeting of a registration. */
  meetingTitle?: string;
}

interface Words {
  hello: (name: string) => string;
  subject: Record<AccountEmailKind, (title: string) => string>;
  body: Record<AccountEmailKind, (title: string) => string>;
  until: (when: string) => string;
  ignore: Record<AccountEmailKind, string>;
}

const WORDS: Record<Language, Words> = {
  en: {
    hello: (name) => `Hello ${name},`,
    subject: {
      invitation: () => 'You are invited to the Plenary board',
      'password-reset': () => 'Choose a new Plenary password',
      registration: (title) => `Confirm your registration: ${title}`,
    },
    body: {
      invitation: () => 'you have been invited to the Plenary board. To choose your password and sign in, open this link:',
      'password-reset': () =>
        'someone, hopefully you, asked to reset your Plenary password. To choose a new one, open this link:',
      registration: (title) => `to confirm your registration for “${title}” and choose a password, open this link:`,
    },
    until: (when) => `The link works once, until ${when} (UTC).`,
    ignore: {
      invitation: 'If you did not expect this invitation, ignore this email.',
      'password-reset': 'If you did not ask, ignore this email: your password stays as it is.',
      registration: 'If you did not register, ignore this email.',
    },
  },
  fr: {
    hello: (name) => `Bonjour ${name},`,
    subject: {
      invitation: () => 'Vous êtes invité(e) sur le tableau Plenary',
      'password-reset': () => 'Choisissez un nouveau mot de passe Plenary',
      registration: (title) => `Confirmez votre inscription : ${title}`,
    },
    body: {
      invitation: () =>
        'vous avez été invité(e) sur le tableau Plenary. Pour choisir votre mot de passe et vous connecter, ouvrez ce lien :',
      'password-reset': () =>
        'quelqu’un, sans doute vous, a demandé à réinitialiser votre mot de passe Plenary. Pour en choisir un nouveau, ouvrez ce lien :',
      registration: (title) => `pour confirmer votre inscription à « ${title} » et choisir un mot de passe, ouvrez ce lien :`,
    },
    until: (when) => `Le lien ne sert qu’une fois, jusqu’au ${when} (UTC).`,
    ignore: {
      invitation: 'Si vous n’attendiez pas cette invitation, ignorez ce message.',
      'password-reset': 'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.',
      registration: 'Si vous ne vous êtes pas inscrit(e), ignorez ce message.',
    },
  },
  es: {
    hello: (name) => `Hola, ${name}:`,
    subject: {
      invitation: () => 'Le invitan al tablero Plenary',
      'password-reset': () => 'Elija una nueva contraseña de Plenary',
      registration: (title) => `Confirme su inscripción: ${title}`,
    },
    body: {
      invitation: () => 'le han invitado al tablero Plenary. Para elegir su contraseña e iniciar sesión, abra este enlace:',
      'password-reset': () =>
        'alguien, seguramente usted, pidió restablecer su contraseña de Plenary. Para elegir una nueva, abra este enlace:',
      registration: (title) => `para confirmar su inscripción en «${title}» y elegir una contraseña, abra este enlace:`,
    },
    until: (when) => `El enlace sirve una sola vez, hasta el ${when} (UTC).`,
    ignore: {
      invitation: 'Si no esperaba esta invitación, ignore este mensaje.',
      'password-reset': 'Si no lo pidió, ignore este mensaje: su contraseña no cambia.',
      registration: 'Si no se inscribió, ignore este mensaje.',
    },
  },
  ru: {
    hello: (name) => `Здравствуйте, ${name}!`,
    subject: {
      invitation: () => 'Приглашение на доску Plenary',
      'password-reset': () => 'Выберите новый пароль Plenary',
      registration: (title) => `Подтвердите регистрацию: ${title}`,
    },
    body: {
      invitation: () => 'вас пригласили на доску Plenary. Чтобы выбрать пароль и войти, откройте эту ссылку:',
      'password-reset': () =>
        'кто-то, вероятно вы, запросил сброс вашего пароля Plenary. Чтобы выбрать новый пароль, откройте эту ссылку:',
      registration: (title) => `чтобы подтвердить регистрацию на «${title}» и выбрать пароль, откройте эту ссылку:`,
    },
    until: (when) => `Ссылка действует один раз, до ${when} (UTC).`,
    ignore: {
      invitation: 'Если вы не ждали этого приглашения, просто проигнорируйте письмо.',
      'password-reset': 'Если вы ничего не запрашивали, проигнорируйте письмо: пароль останется прежним.',
      registration: 'Если вы не регистрировались, просто проигнорируйте письмо.',
    },
  },
  zh: {
    hello: (name) => `${name}，您好：`,
    subject: {
      invitation: () => '您受邀加入 Plenary 看板',
      'password-reset': () => '设置新的 Plenary 密码',
      registration: (title) => `请确认您的报名：${title}`,
    },
    body: {
      invitation: () => '您已受邀加入 Plenary 看板。请打开以下链接设置密码并登录：',
      'password-reset': () => '有人（应该是您）请求重置您的 Plenary 密码。请打开以下链接设置新密码：',
      registration: (title) => `请打开以下链接，确认您对“${title}”的报名并设置密码：`,
    },
    until: (when) => `该链接仅可使用一次，有效期至 ${when}（UTC）。`,
    ignore: {
      invitation: '如果您没有预期收到此邀请，请忽略本邮件。',
      'password-reset': '如果这不是您的请求，请忽略本邮件：您的密码不会改变。',
      registration: '如果您没有报名，请忽略本邮件。',
    },
  },
  ar: {
    hello: (name) => `مرحبًا ${name}،`,
    subject: {
      invitation: () => 'أنت مدعو إلى لوحة Plenary',
      'password-reset': () => 'اختر كلمة مرور جديدة لـ Plenary',
      registration: (title) => `أكّد تسجيلك: ${title}`,
    },
    body: {
      invitation: () => 'لقد دُعيت إلى لوحة Plenary. لاختيار كلمة المرور وتسجيل الدخول، افتح هذا الرابط:',
      'password-reset': () =>
        'طلب أحدهم، وعلى الأرجح أنت، إعادة تعيين كلمة مرورك في Plenary. لاختيار كلمة مرور جديدة، افتح هذا الرابط:',
      registration: (title) => `لتأكيد تسجيلك في «${title}» واختيار كلمة مرور، افتح هذا الرابط:`,
    },
    until: (when) => `يعمل الرابط مرة واحدة فقط، حتى ${when} (بالتوقيت العالمي المنسق).`,
    ignore: {
      invitation: 'إذا لم تكن تتوقع هذه الدعوة، فتجاهل هذه الرسالة.',
      'password-reset': 'إذا لم تطلب ذلك، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.',
      registration: 'إذا لم تسجّل، فتجاهل هذه الرسالة.',
    },
  },
};

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function composeAccountEmail(email: AccountEmail, messageId: string): OutgoingEmail {
  const say = WORDS[email.language];
  const title = email.meetingTitle ?? '';
  const when = new Intl.DateTimeFormat(email.language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
    email.expiresAt,
  );
  const subject = say.subject[email.kind](title);
  const paragraphs = [say.hello(email.name), say.body[email.kind](title)];
  const after = [say.until(when), say.ignore[email.kind]];
  const text = [...paragraphs, '', email.url, '', ...after, ''].join('\n');
  const html = `<!doctype html>
<html lang="${email.language}" dir="${directionOf(email.language)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body>
${paragraphs.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
<p><a href="${escapeHtml(email.url)}">${escapeHtml(email.url)}</a></p>
${after.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
</body></html>
`;
  return { to: email.to, subject, text, html, headers: { 'Content-Language': email.language }, messageId };
}
