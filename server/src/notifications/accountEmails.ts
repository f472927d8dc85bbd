/**
 * The emails about a person's own account (an invitation, a password reset, the confirmation of a
 * public registration, and the answer to a registration with an address the board already knows),
 * in the six languages. Unlike notification emails they carry a link that is a credential, have no
 * unsubscribe (the person asked for them, or an administrator did) and name the moment the link
 * stops working, in UTC (an email has no viewer's time zone to ask). `account-exists` is the one
 * without a credential: its link is the sign-in page.
 */
import { directionOf, type Language } from '../../../shared/i18n/languages.ts';
import type { OutgoingEmail } from './mailer.ts';

export const ACCOUNT_EMAIL_KINDS = ['invitation', 'password-reset', 'registration', 'account-exists'] as const;
export type AccountEmailKind = (typeof ACCOUNT_EMAIL_KINDS)[number];

/** What an account email says; written into the outbox row until it is sent. */
export interface AccountEmail {
  kind: AccountEmailKind;
  /** The person it is about: it is not sent if they were deactivated in the meantime. */
  userId: string;
  to: string;
  name: string;
  language: Language;
  /** The link (a credential, but for `account-exists`: it leaves the outbox row once the email is sent). */
  url: string;
  /** When the link stops working; none for `account-exists`, whose link is the sign-in page. */
  expiresAt?: number;
  /** The public meeting of a registration. */
  meetingTitle?: string;
}

interface Words {
  hello: (name: string) => string;
  subject: Record<AccountEmailKind, (title: string) => string>;
  body: Record<AccountEmailKind, (title: string) => string>;
  until: (when: string) => string;
  /** `account-exists`: what to do when the password is forgotten or was never chosen. */
  noPassword: string;
  ignore: Record<AccountEmailKind, string>;
}

const WORDS: Record<Language, Words> = {
  en: {
    hello: (name) => `Hello ${name},`,
    subject: {
      invitation: () => 'You are invited to the Plenary board',
      'password-reset': () => 'Choose a new Plenary password',
      registration: (title) => `Confirm your registration: ${title}`,
      'account-exists': () => 'You already have a Plenary account',
    },
    body: {
      invitation: () => 'You have been invited to the Plenary board. To choose your password and sign in, open this link:',
      'password-reset': () =>
        'Someone, hopefully you, asked to reset your Plenary password. To choose a new one, open this link:',
      registration: (title) => `To confirm your registration for “${title}” and choose a password, open this link:`,
      'account-exists': (title) =>
        `Someone, hopefully you, asked to register for “${title}” with this email address, which already has a Plenary account. To sign in, open this link:`,
    },
    until: (when) => `The link works once, until ${when} (UTC).`,
    noPassword:
      'If you have forgotten your password, choose “Forgot password?” on that page. If you have not chosen one yet, use the link in the email that invited you, or ask the secretariat for a new one.',
    ignore: {
      invitation: 'If you did not expect this invitation, ignore this email.',
      'password-reset': 'If you did not ask, ignore this email: your password stays as it is.',
      registration: 'If you did not register, ignore this email.',
      'account-exists': 'If you did not ask, ignore this email: nothing has changed.',
    },
  },
  fr: {
    hello: (name) => `Bonjour ${name},`,
    subject: {
      invitation: () => 'Vous êtes invité(e) sur le tableau Plenary',
      'password-reset': () => 'Choisissez un nouveau mot de passe Plenary',
      registration: (title) => `Confirmez votre inscription : ${title}`,
      'account-exists': () => 'Vous avez déjà un compte Plenary',
    },
    body: {
      invitation: () =>
        'Vous avez été invité(e) sur le tableau Plenary. Pour choisir votre mot de passe et vous connecter, ouvrez ce lien :',
      'password-reset': () =>
        'Quelqu’un, sans doute vous, a demandé à réinitialiser votre mot de passe Plenary. Pour en choisir un nouveau, ouvrez ce lien :',
      registration: (title) => `Pour confirmer votre inscription à « ${title} » et choisir un mot de passe, ouvrez ce lien :`,
      'account-exists': (title) =>
        `Quelqu’un, sans doute vous, a demandé à s’inscrire à « ${title} » avec cette adresse électronique, qui a déjà un compte Plenary. Pour vous connecter, ouvrez ce lien :`,
    },
    until: (when) => `Le lien ne sert qu’une fois, jusqu’au ${when} (UTC).`,
    noPassword:
      'Si vous avez oublié votre mot de passe, choisissez « Mot de passe oublié ? » sur cette page. Si vous n’en avez pas encore choisi, utilisez le lien du courriel qui vous a invité(e), ou demandez-en un nouveau au secrétariat.',
    ignore: {
      invitation: 'Si vous n’attendiez pas cette invitation, ignorez ce message.',
      'password-reset': 'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.',
      registration: 'Si vous ne vous êtes pas inscrit(e), ignorez ce message.',
      'account-exists': 'Si vous n’avez rien demandé, ignorez ce message : rien n’a changé.',
    },
  },
  es: {
    hello: (name) => `Hola, ${name}:`,
    subject: {
      invitation: () => 'Le invitan al tablero Plenary',
      'password-reset': () => 'Elija una nueva contraseña de Plenary',
      registration: (title) => `Confirme su inscripción: ${title}`,
      'account-exists': () => 'Ya tiene una cuenta de Plenary',
    },
    body: {
      invitation: () => 'Le han invitado al tablero Plenary. Para elegir su contraseña e iniciar sesión, abra este enlace:',
      'password-reset': () =>
        'Alguien, seguramente usted, pidió restablecer su contraseña de Plenary. Para elegir una nueva, abra este enlace:',
      registration: (title) => `Para confirmar su inscripción en «${title}» y elegir una contraseña, abra este enlace:`,
      'account-exists': (title) =>
        `Alguien, seguramente usted, pidió inscribirse en «${title}» con esta dirección de correo electrónico, que ya tiene una cuenta de Plenary. Para iniciar sesión, abra este enlace:`,
    },
    until: (when) => `El enlace sirve una sola vez, hasta el ${when} (UTC).`,
    noPassword:
      'Si olvidó su contraseña, elija «¿Olvidó su contraseña?» en esa página. Si aún no eligió una, utilice el enlace del correo con el que le invitaron o pida uno nuevo a la secretaría.',
    ignore: {
      invitation: 'Si no esperaba esta invitación, ignore este mensaje.',
      'password-reset': 'Si no lo pidió, ignore este mensaje: su contraseña no cambia.',
      registration: 'Si no se inscribió, ignore este mensaje.',
      'account-exists': 'Si no lo pidió, ignore este mensaje: nada ha cambiado.',
    },
  },
  ru: {
    hello: (name) => `Здравствуйте, ${name}!`,
    subject: {
      invitation: () => 'Приглашение на доску Plenary',
      'password-reset': () => 'Выберите новый пароль Plenary',
      registration: (title) => `Подтвердите регистрацию: ${title}`,
      'account-exists': () => 'У вас уже есть учётная запись Plenary',
    },
    body: {
      invitation: () => 'Вас пригласили на доску Plenary. Чтобы выбрать пароль и войти, откройте эту ссылку:',
      'password-reset': () =>
        'Кто-то, вероятно вы, запросил сброс вашего пароля Plenary. Чтобы выбрать новый пароль, откройте эту ссылку:',
      registration: (title) => `Чтобы подтвердить регистрацию на «${title}» и выбрать пароль, откройте эту ссылку:`,
      'account-exists': (title) =>
        `Кто-то, вероятно вы, попросил зарегистрироваться на «${title}» с этим адресом электронной почты, для которого уже есть учётная запись Plenary. Чтобы войти, откройте эту ссылку:`,
    },
    until: (when) => `Ссылка действует один раз, до ${when} (UTC).`,
    noPassword:
      'Если вы забыли пароль, выберите на этой странице «Забыли пароль?». Если вы ещё не выбрали пароль, воспользуйтесь ссылкой из письма с приглашением или попросите у секретариата новую.',
    ignore: {
      invitation: 'Если вы не ждали этого приглашения, просто проигнорируйте письмо.',
      'password-reset': 'Если вы ничего не запрашивали, проигнорируйте письмо: пароль останется прежним.',
      registration: 'Если вы не регистрировались, просто проигнорируйте письмо.',
      'account-exists': 'Если вы ничего не запрашивали, проигнорируйте письмо: ничего не изменилось.',
    },
  },
  zh: {
    hello: (name) => `${name}，您好：`,
    subject: {
      invitation: () => '您受邀加入 Plenary 看板',
      'password-reset': () => '设置新的 Plenary 密码',
      registration: (title) => `请确认您的报名：${title}`,
      'account-exists': () => '您已有 Plenary 账户',
    },
    body: {
      invitation: () => '您已受邀加入 Plenary 看板。请打开以下链接设置密码并登录：',
      'password-reset': () => '有人（应该是您）请求重置您的 Plenary 密码。请打开以下链接设置新密码：',
      registration: (title) => `请打开以下链接，确认您对“${title}”的报名并设置密码：`,
      'account-exists': (title) =>
        `有人（应该是您）使用此电子邮件地址申请报名“${title}”，而该地址已有 Plenary 账户。请打开以下链接登录：`,
    },
    until: (when) => `该链接仅可使用一次，有效期至 ${when}（UTC）。`,
    noPassword:
      '如果您忘记了密码，请在该页面选择“忘记密码？”。如果您尚未设置密码，请使用邀请邮件中的链接，或请秘书处发送新的链接。',
    ignore: {
      invitation: '如果您没有预期收到此邀请，请忽略本邮件。',
      'password-reset': '如果这不是您的请求，请忽略本邮件：您的密码不会改变。',
      registration: '如果您没有报名，请忽略本邮件。',
      'account-exists': '如果这不是您的请求，请忽略本邮件：一切均未改变。',
    },
  },
  ar: {
    hello: (name) => `مرحبًا ${name}،`,
    subject: {
      invitation: () => 'أنت مدعو إلى لوحة Plenary',
      'password-reset': () => 'اختر كلمة مرور جديدة لـ Plenary',
      registration: (title) => `أكّد تسجيلك: ${title}`,
      'account-exists': () => 'لديك حساب في Plenary بالفعل',
    },
    body: {
      invitation: () => 'لقد دُعيت إلى لوحة Plenary. لاختيار كلمة المرور وتسجيل الدخول، افتح هذا الرابط:',
      'password-reset': () =>
        'طلب أحدهم، وعلى الأرجح أنت، إعادة تعيين كلمة مرورك في Plenary. لاختيار كلمة مرور جديدة، افتح هذا الرابط:',
      registration: (title) => `لتأكيد تسجيلك في «${title}» واختيار كلمة مرور، افتح هذا الرابط:`,
      'account-exists': (title) =>
        `طلب أحدهم، وعلى الأرجح أنت، التسجيل في «${title}» بعنوان البريد الإلكتروني هذا، وله حساب في Plenary بالفعل. لتسجيل الدخول، افتح هذا الرابط:`,
    },
    until: (when) => `يعمل الرابط مرة واحدة فقط، حتى ${when} (بالتوقيت العالمي المنسق).`,
    noPassword:
      'إذا نسيت كلمة المرور، فاختر «هل نسيت كلمة المرور؟» في تلك الصفحة. وإذا لم تخترها بعد، فاستخدم الرابط الوارد في رسالة الدعوة، أو اطلب رابطاً جديداً من الأمانة.',
    ignore: {
      invitation: 'إذا لم تكن تتوقع هذه الدعوة، فتجاهل هذه الرسالة.',
      'password-reset': 'إذا لم تطلب ذلك، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.',
      registration: 'إذا لم تسجّل، فتجاهل هذه الرسالة.',
      'account-exists': 'إذا لم تطلب ذلك، فتجاهل هذه الرسالة: لم يتغير شيء.',
    },
  },
};

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function composeAccountEmail(email: AccountEmail, messageId: string): OutgoingEmail {
  const say = WORDS[email.language];
  const title = email.meetingTitle ?? '';
  const subject = say.subject[email.kind](title);
  const paragraphs = [say.hello(email.name), say.body[email.kind](title)];
  const lasts =
    email.expiresAt === undefined
      ? say.noPassword
      : say.until(
          new Intl.DateTimeFormat(email.language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
            email.expiresAt,
          ),
        );
  const after = [lasts, say.ignore[email.kind]];
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
