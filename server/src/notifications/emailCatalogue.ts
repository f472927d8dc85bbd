/**
 * The words of notifications, emails and the unsubscribe page in the six UN languages. `{name}`
 * placeholders are filled by emailStrings.ts; counted phrases have one form per plural category
 * of the language (Intl.PluralRules: Arabic six, Russian four, Chinese one). Every language has
 * every key, with the same placeholders (test/unit/emailCatalogue.test.ts). Terms follow
 * docs/glossary.md.
 */
import type { Language } from '../../../shared/i18n/languages.ts';
import type { ProposalStatus } from '../../../shared/schemas/proposals.ts';

/** One form per plural category the language has (`other` always). */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Sentences of a notification, by kind; `…Results`, `…Soon` are the variants with and without a detail. */
export const SENTENCE_KEYS = [
  'mention',
  'reply',
  'poll.opened',
  'poll.closed',
  'poll.closedResults',
  'election.opened',
  'action.assigned',
  'action.due',
  'action.dueSoon',
  'action.overdue',
  'proposal.status',
  'proposal.comment',
] as const;
export type SentenceKey = (typeof SENTENCE_KEYS)[number];

/** The kinds of notification as an email names them ("Stop emails about {kind}"). */
export const KIND_NAME_KEYS = [
  'mention',
  'reply',
  'poll.opened',
  'poll.closed',
  'election.opened',
  'action.assigned',
  'action.due',
  'action.overdue',
  'proposal.status',
  'proposal.comment',
] as const;

export interface EmailCatalogue {
  someone: string;
  sentence: Record<SentenceKey, string>;
  kindName: Record<(typeof KIND_NAME_KEYS)[number], string>;
  proposalStatus: Record<ProposalStatus, string>;
  subjectMany: Plural;
  subjectDigest: Plural;
  introMany: Plural;
  introDigest: Plural;
  andMore: Plural;
  open: string;
  unsubscribeLine: string;
  unsubscribeDigestLine: string;
  settingsLine: string;
  digestKindName: string;
  unsubscribePage: { title: string; question: string; button: string; done: string; invalid: string };
}

const en: EmailCatalogue = {
  someone: 'Someone',
  sentence: {
    mention: '{actor} mentioned you in a comment on “{title}”',
    reply: '{actor} replied in a thread you wrote in on “{title}”',
    'poll.opened': 'A poll you may vote in is open: “{title}”',
    'poll.closed': 'A poll closed: “{title}”',
    'poll.closedResults': 'A poll closed: “{title}”. Results: {results}',
    'election.opened': 'An election you vote in is open: “{title}”',
    'action.assigned': '{actor} assigned an action to you: “{title}”',
    'action.due': 'An action of yours is due on {due}: “{title}”',
    'action.dueSoon': 'An action of yours is due in 3 days: “{title}”',
    'action.overdue': 'An action of yours is overdue: “{title}”',
    'proposal.status': 'Your proposal “{title}” is now {status}',
    'proposal.comment': '{actor} commented on your proposal “{title}”',
  },
  kindName: {
    mention: 'mentions',
    reply: 'replies in your threads',
    'poll.opened': 'polls opening',
    'poll.closed': 'polls closing',
    'election.opened': 'elections opening',
    'action.assigned': 'actions assigned to you',
    'action.due': 'actions falling due',
    'action.overdue': 'overdue actions',
    'proposal.status': 'your proposals’ status',
    'proposal.comment': 'comments on your proposals',
  },
  proposalStatus: {
    submitted: 'submitted',
    'under discussion': 'under discussion',
    selected: 'selected',
    merged: 'merged',
    'on hold': 'on hold',
    discontinued: 'discontinued',
  },
  subjectMany: { one: '[Plenary] {count} new notification', other: '[Plenary] {count} new notifications' },
  subjectDigest: {
    one: '[Plenary] Your daily digest: {count} notification',
    other: '[Plenary] Your daily digest: {count} notifications',
  },
  introMany: { one: '{count} thing on the board needs you:', other: '{count} things on the board need you:' },
  introDigest: {
    one: 'Since your last digest, {count} thing happened on the board:',
    other: 'Since your last digest, {count} things happened on the board:',
  },
  andMore: { one: '…and {count} more on the board.', other: '…and {count} more on the board.' },
  open: 'Open',
  unsubscribeLine: 'Stop emails about {kind}:',
  unsubscribeDigestLine: 'Stop the daily digest:',
  settingsLine: 'Choose what you receive:',
  digestKindName: 'the daily digest',
  unsubscribePage: {
    title: 'Unsubscribe',
    question: 'Stop emails about {kind}?',
    button: 'Unsubscribe',
    done: 'Done: you will no longer receive emails about {kind}. You can change this in your notification settings.',
    invalid: 'This unsubscribe link is not valid.',
  },
};

const fr: EmailCatalogue = {
  someone: 'Quelqu’un',
  sentence: {
    mention: '{actor} vous a mentionné dans un commentaire sur « {title} »',
    reply: '{actor} a répondu dans un fil où vous avez écrit, sur « {title} »',
    'poll.opened': 'Un scrutin auquel vous pouvez voter est ouvert : « {title} »',
    'poll.closed': 'Un scrutin est clos : « {title} »',
    'poll.closedResults': 'Un scrutin est clos : « {title} ». Résultats : {results}',
    'election.opened': 'Une élection à laquelle vous votez est ouverte : « {title} »',
    'action.assigned': '{actor} vous a confié une mesure : « {title} »',
    'action.due': 'L’une de vos mesures arrive à échéance le {due} : « {title} »',
    'action.dueSoon': 'L’une de vos mesures arrive à échéance dans 3 jours : « {title} »',
    'action.overdue': 'L’une de vos mesures est en retard : « {title} »',
    'proposal.status': 'Votre proposition « {title} » est désormais : {status}',
    'proposal.comment': '{actor} a commenté votre proposition « {title} »',
  },
  kindName: {
    mention: 'les mentions',
    reply: 'les réponses dans vos fils',
    'poll.opened': 'l’ouverture des scrutins',
    'poll.closed': 'la clôture des scrutins',
    'election.opened': 'l’ouverture des élections',
    'action.assigned': 'les mesures qui vous sont confiées',
    'action.due': 'les mesures arrivant à échéance',
    'action.overdue': 'les mesures en retard',
    'proposal.status': 'le statut de vos propositions',
    'proposal.comment': 'les commentaires sur vos propositions',
  },
  proposalStatus: {
    submitted: 'soumise',
    'under discussion': 'en discussion',
    selected: 'retenue',
    merged: 'fusionnée',
    'on hold': 'en suspens',
    discontinued: 'abandonnée',
  },
  subjectMany: {
    one: '[Plenary] {count} nouvelle notification',
    many: '[Plenary] {count} de nouvelles notifications',
    other: '[Plenary] {count} nouvelles notifications',
  },
  subjectDigest: {
    one: '[Plenary] Votre résumé quotidien : {count} notification',
    many: '[Plenary] Votre résumé quotidien : {count} de notifications',
    other: '[Plenary] Votre résumé quotidien : {count} notifications',
  },
  introMany: {
    one: '{count} élément du tableau vous attend :',
    many: '{count} d’éléments du tableau vous attendent :',
    other: '{count} éléments du tableau vous attendent :',
  },
  introDigest: {
    one: 'Depuis votre dernier résumé, {count} chose s’est passée sur le tableau :',
    many: 'Depuis votre dernier résumé, {count} de choses se sont passées sur le tableau :',
    other: 'Depuis votre dernier résumé, {count} choses se sont passées sur le tableau :',
  },
  andMore: {
    one: '…et {count} autre sur le tableau.',
    many: '…et {count} d’autres sur le tableau.',
    other: '…et {count} autres sur le tableau.',
  },
  open: 'Ouvrir',
  unsubscribeLine: 'Ne plus recevoir de courriels sur {kind} :',
  unsubscribeDigestLine: 'Ne plus recevoir le résumé quotidien :',
  settingsLine: 'Choisir ce que vous recevez :',
  digestKindName: 'le résumé quotidien',
  unsubscribePage: {
    title: 'Se désabonner',
    question: 'Ne plus recevoir de courriels sur {kind} ?',
    button: 'Se désabonner',
    done: 'C’est fait : vous ne recevrez plus de courriels sur {kind}. Vous pouvez changer cela dans vos paramètres de notification.',
    invalid: 'Ce lien de désabonnement n’est pas valide.',
  },
};

const es: EmailCatalogue = {
  someone: 'Alguien',
  sentence: {
    mention: '{actor} le mencionó en un comentario sobre «{title}»',
    reply: '{actor} respondió en un hilo en el que usted escribió, sobre «{title}»',
    'poll.opened': 'Hay una votación abierta en la que puede votar: «{title}»',
    'poll.closed': 'Se cerró una votación: «{title}»',
    'poll.closedResults': 'Se cerró una votación: «{title}». Resultados: {results}',
    'election.opened': 'Hay una elección abierta en la que usted vota: «{title}»',
    'action.assigned': '{actor} le asignó una acción: «{title}»',
    'action.due': 'Una de sus acciones vence el {due}: «{title}»',
    'action.dueSoon': 'Una de sus acciones vence dentro de 3 días: «{title}»',
    'action.overdue': 'Una de sus acciones está vencida: «{title}»',
    'proposal.status': 'Su propuesta «{title}» está ahora: {status}',
    'proposal.comment': '{actor} comentó su propuesta «{title}»',
  },
  kindName: {
    mention: 'las menciones',
    reply: 'las respuestas en sus hilos',
    'poll.opened': 'la apertura de votaciones',
    'poll.closed': 'el cierre de votaciones',
    'election.opened': 'la apertura de elecciones',
    'action.assigned': 'las acciones que se le asignan',
    'action.due': 'las acciones que vencen',
    'action.overdue': 'las acciones vencidas',
    'proposal.status': 'el estado de sus propuestas',
    'proposal.comment': 'los comentarios sobre sus propuestas',
  },
  proposalStatus: {
    submitted: 'presentada',
    'under discussion': 'en debate',
    selected: 'seleccionada',
    merged: 'fusionada',
    'on hold': 'en suspenso',
    discontinued: 'descartada',
  },
  subjectMany: {
    one: '[Plenary] {count} notificación nueva',
    many: '[Plenary] {count} de notificaciones nuevas',
    other: '[Plenary] {count} notificaciones nuevas',
  },
  subjectDigest: {
    one: '[Plenary] Su resumen diario: {count} notificación',
    many: '[Plenary] Su resumen diario: {count} de notificaciones',
    other: '[Plenary] Su resumen diario: {count} notificaciones',
  },
  introMany: {
    one: '{count} asunto del tablero requiere su atención:',
    many: '{count} de asuntos del tablero requieren su atención:',
    other: '{count} asuntos del tablero requieren su atención:',
  },
  introDigest: {
    one: 'Desde su último resumen, ocurrió {count} cosa en el tablero:',
    many: 'Desde su último resumen, ocurrieron {count} de cosas en el tablero:',
    other: 'Desde su último resumen, ocurrieron {count} cosas en el tablero:',
  },
  andMore: {
    one: '…y {count} más en el tablero.',
    many: '…y {count} más en el tablero.',
    other: '…y {count} más en el tablero.',
  },
  open: 'Abrir',
  unsubscribeLine: 'Dejar de recibir correos sobre {kind}:',
  unsubscribeDigestLine: 'Dejar de recibir el resumen diario:',
  settingsLine: 'Elija lo que recibe:',
  digestKindName: 'el resumen diario',
  unsubscribePage: {
    title: 'Cancelar la suscripción',
    question: '¿Dejar de recibir correos sobre {kind}?',
    button: 'Cancelar la suscripción',
    done: 'Hecho: ya no recibirá correos sobre {kind}. Puede cambiarlo en su configuración de notificaciones.',
    invalid: 'Este enlace para cancelar la suscripción no es válido.',
  },
};

const ru: EmailCatalogue = {
  someone: 'Кто-то',
  sentence: {
    mention: '{actor} упоминает вас в комментарии к «{title}»',
    reply: '{actor} отвечает в обсуждении, где вы писали: «{title}»',
    'poll.opened': 'Открыто голосование, в котором вы можете участвовать: «{title}»',
    'poll.closed': 'Голосование закрыто: «{title}»',
    'poll.closedResults': 'Голосование закрыто: «{title}». Результаты: {results}',
    'election.opened': 'Открыты выборы, в которых вы голосуете: «{title}»',
    'action.assigned': '{actor} поручает вам задачу: «{title}»',
    'action.due': 'Срок вашей задачи — {due}: «{title}»',
    'action.dueSoon': 'Срок вашей задачи истекает через 3 дня: «{title}»',
    'action.overdue': 'Ваша задача просрочена: «{title}»',
    'proposal.status': 'Статус вашего предложения «{title}»: {status}',
    'proposal.comment': '{actor} комментирует ваше предложение «{title}»',
  },
  kindName: {
    mention: 'упоминания',
    reply: 'ответы в ваших обсуждениях',
    'poll.opened': 'открытие голосований',
    'poll.closed': 'закрытие голосований',
    'election.opened': 'открытие выборов',
    'action.assigned': 'задачи, поручённые вам',
    'action.due': 'наступающие сроки задач',
    'action.overdue': 'просроченные задачи',
    'proposal.status': 'статус ваших предложений',
    'proposal.comment': 'комментарии к вашим предложениям',
  },
  proposalStatus: {
    submitted: 'внесено',
    'under discussion': 'обсуждается',
    selected: 'отобрано',
    merged: 'объединено',
    'on hold': 'приостановлено',
    discontinued: 'прекращено',
  },
  subjectMany: {
    one: '[Plenary] {count} новое уведомление',
    few: '[Plenary] {count} новых уведомления',
    many: '[Plenary] {count} новых уведомлений',
    other: '[Plenary] {count} новых уведомления',
  },
  subjectDigest: {
    one: '[Plenary] Ваша ежедневная сводка: {count} уведомление',
    few: '[Plenary] Ваша ежедневная сводка: {count} уведомления',
    many: '[Plenary] Ваша ежедневная сводка: {count} уведомлений',
    other: '[Plenary] Ваша ежедневная сводка: {count} уведомления',
  },
  introMany: {
    one: '{count} событие на доске требует вашего внимания:',
    few: '{count} события на доске требуют вашего внимания:',
    many: '{count} событий на доске требуют вашего внимания:',
    other: '{count} события на доске требуют вашего внимания:',
  },
  introDigest: {
    one: 'С вашей последней сводки на доске произошло {count} событие:',
    few: 'С вашей последней сводки на доске произошло {count} события:',
    many: 'С вашей последней сводки на доске произошло {count} событий:',
    other: 'С вашей последней сводки на доске произошло {count} события:',
  },
  andMore: {
    one: '…и ещё {count} на доске.',
    few: '…и ещё {count} на доске.',
    many: '…и ещё {count} на доске.',
    other: '…и ещё {count} на доске.',
  },
  open: 'Открыть',
  unsubscribeLine: 'Не получать письма на тему «{kind}»:',
  unsubscribeDigestLine: 'Отказаться от ежедневной сводки:',
  settingsLine: 'Выбрать, что вы получаете:',
  digestKindName: 'ежедневная сводка',
  unsubscribePage: {
    title: 'Отписаться',
    question: 'Больше не получать письма на тему «{kind}»?',
    button: 'Отписаться',
    done: 'Готово: вы больше не будете получать письма на тему «{kind}». Это можно изменить в настройках уведомлений.',
    invalid: 'Эта ссылка для отписки недействительна.',
  },
};

const zh: EmailCatalogue = {
  someone: '有人',
  sentence: {
    mention: '{actor}在关于“{title}”的评论中提到了您',
    reply: '{actor}在您参与的讨论中作了回复：“{title}”',
    'poll.opened': '您可参加的投票已开始：“{title}”',
    'poll.closed': '投票已结束：“{title}”',
    'poll.closedResults': '投票已结束：“{title}”。结果：{results}',
    'election.opened': '您参加的选举已开始：“{title}”',
    'action.assigned': '{actor}给您分配了一项行动：“{title}”',
    'action.due': '您的一项行动将于{due}到期：“{title}”',
    'action.dueSoon': '您的一项行动将在3天后到期：“{title}”',
    'action.overdue': '您的一项行动已逾期：“{title}”',
    'proposal.status': '您的提案“{title}”的状态现为：{status}',
    'proposal.comment': '{actor}评论了您的提案“{title}”',
  },
  kindName: {
    mention: '提及',
    reply: '您的讨论中的回复',
    'poll.opened': '投票开始',
    'poll.closed': '投票结束',
    'election.opened': '选举开始',
    'action.assigned': '分配给您的行动',
    'action.due': '即将到期的行动',
    'action.overdue': '逾期的行动',
    'proposal.status': '您的提案的状态',
    'proposal.comment': '对您的提案的评论',
  },
  proposalStatus: {
    submitted: '已提交',
    'under discussion': '讨论中',
    selected: '已入选',
    merged: '已合并',
    'on hold': '暂缓',
    discontinued: '已终止',
  },
  subjectMany: { other: '[Plenary] {count}条新通知' },
  subjectDigest: { other: '[Plenary] 您的每日摘要：{count}条通知' },
  introMany: { other: '平台上有{count}件事需要您处理：' },
  introDigest: { other: '自上次摘要以来，平台上发生了{count}件事：' },
  andMore: { other: '……平台上还有{count}条。' },
  open: '打开',
  unsubscribeLine: '停止接收关于“{kind}”的电子邮件：',
  unsubscribeDigestLine: '停止接收每日摘要：',
  settingsLine: '选择您接收的内容：',
  digestKindName: '每日摘要',
  unsubscribePage: {
    title: '退订',
    question: '停止接收关于“{kind}”的电子邮件？',
    button: '退订',
    done: '完成：您将不再收到关于“{kind}”的电子邮件。您可以在通知设置中更改。',
    invalid: '此退订链接无效。',
  },
};

const ar: EmailCatalogue = {
  someone: 'شخص ما',
  sentence: {
    mention: 'أشار إليك {actor} في تعليق على «{title}»',
    reply: 'ردّ {actor} في نقاش كتبت فيه بشأن «{title}»',
    'poll.opened': 'فُتح تصويت يحق لك المشاركة فيه: «{title}»',
    'poll.closed': 'أُغلق تصويت: «{title}»',
    'poll.closedResults': 'أُغلق تصويت: «{title}». النتائج: {results}',
    'election.opened': 'فُتح انتخاب تصوّت فيه: «{title}»',
    'action.assigned': 'أسند إليك {actor} إجراءً: «{title}»',
    'action.due': 'يحين موعد أحد إجراءاتك في {due}: «{title}»',
    'action.dueSoon': 'يحين موعد أحد إجراءاتك بعد 3 أيام: «{title}»',
    'action.overdue': 'تأخر أحد إجراءاتك عن موعده: «{title}»',
    'proposal.status': 'أصبحت حالة مقترحك «{title}»: {status}',
    'proposal.comment': 'علّق {actor} على مقترحك «{title}»',
  },
  kindName: {
    mention: 'الإشارات',
    reply: 'الردود في نقاشاتك',
    'poll.opened': 'فتح عمليات التصويت',
    'poll.closed': 'إغلاق عمليات التصويت',
    'election.opened': 'فتح الانتخابات',
    'action.assigned': 'الإجراءات المسندة إليك',
    'action.due': 'الإجراءات التي يحين موعدها',
    'action.overdue': 'الإجراءات المتأخرة',
    'proposal.status': 'حالة مقترحاتك',
    'proposal.comment': 'التعليقات على مقترحاتك',
  },
  proposalStatus: {
    submitted: 'مقدَّم',
    'under discussion': 'قيد المناقشة',
    selected: 'مختار',
    merged: 'مدمج',
    'on hold': 'معلّق',
    discontinued: 'متوقف',
  },
  subjectMany: {
    zero: '[Plenary] لا إشعارات جديدة',
    one: '[Plenary] إشعار جديد واحد',
    two: '[Plenary] إشعاران جديدان',
    few: '[Plenary] {count} إشعارات جديدة',
    many: '[Plenary] {count} إشعارًا جديدًا',
    other: '[Plenary] {count} إشعار جديد',
  },
  subjectDigest: {
    zero: '[Plenary] ملخصك اليومي: لا إشعارات',
    one: '[Plenary] ملخصك اليومي: إشعار واحد',
    two: '[Plenary] ملخصك اليومي: إشعاران',
    few: '[Plenary] ملخصك اليومي: {count} إشعارات',
    many: '[Plenary] ملخصك اليومي: {count} إشعارًا',
    other: '[Plenary] ملخصك اليومي: {count} إشعار',
  },
  introMany: {
    zero: 'لا شيء على اللوحة يحتاج إليك:',
    one: 'أمر واحد على اللوحة يحتاج إليك:',
    two: 'أمران على اللوحة يحتاجان إليك:',
    few: '{count} أمور على اللوحة تحتاج إليك:',
    many: '{count} أمرًا على اللوحة تحتاج إليك:',
    other: '{count} أمر على اللوحة تحتاج إليك:',
  },
  introDigest: {
    zero: 'منذ ملخصك الأخير، لم يحدث شيء على اللوحة:',
    one: 'منذ ملخصك الأخير، حدث أمر واحد على اللوحة:',
    two: 'منذ ملخصك الأخير، حدث أمران على اللوحة:',
    few: 'منذ ملخصك الأخير، حدثت {count} أمور على اللوحة:',
    many: 'منذ ملخصك الأخير، حدث {count} أمرًا على اللوحة:',
    other: 'منذ ملخصك الأخير، حدث {count} أمر على اللوحة:',
  },
  andMore: {
    zero: '…ولا شيء آخر على اللوحة.',
    one: '…وأمر آخر على اللوحة.',
    two: '…وأمران آخران على اللوحة.',
    few: '…و{count} أمور أخرى على اللوحة.',
    many: '…و{count} أمرًا آخر على اللوحة.',
    other: '…و{count} أمر آخر على اللوحة.',
  },
  open: 'فتح',
  unsubscribeLine: 'إيقاف رسائل البريد الإلكتروني بشأن {kind}:',
  unsubscribeDigestLine: 'إيقاف الملخص اليومي:',
  settingsLine: 'اختر ما تتلقاه:',
  digestKindName: 'الملخص اليومي',
  unsubscribePage: {
    title: 'إلغاء الاشتراك',
    question: 'هل تريد إيقاف رسائل البريد الإلكتروني بشأن {kind}؟',
    button: 'إلغاء الاشتراك',
    done: 'تم: لن تتلقى بعد الآن رسائل بريد إلكتروني بشأن {kind}. يمكنك تغيير ذلك في إعدادات الإشعارات.',
    invalid: 'رابط إلغاء الاشتراك هذا غير صالح.',
  },
};

export const EMAIL_CATALOGUES: Record<Language, EmailCatalogue> = { ar, en, es, fr, ru, zh };
