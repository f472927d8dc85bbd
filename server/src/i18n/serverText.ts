/**
 * The words of the documents the server makes (the meeting pack in Markdown, HTML and DOCX, the
 * iCalendar of deadlines, the CSV of poll results), in the six UN languages. Terms follow the
 * glossary in docs/glossary.md. Placeholders are identical in every language; the completeness
 * test (test/unit/i18nCatalogues.test.ts) checks every key.
 */
import { intlLocale } from '../../../shared/i18n/format.ts';
import type { Language } from '../../../shared/i18n/languages.ts';
import { STORE_WORDS } from './storeWords.ts';

export interface ServerText {
  /** An election's ballot question when the API's request gives none: "Co-facilitator: {{group}}", as the board's form says it. */
  election: { question: string; coFacilitator: string };
  heading: string;
  actions: string;
  otherActions: string;
  /** The floor's record and the attachments, in the pack. */
  speakers: string;
  questionsAnswered: string;
  attendance: string;
  attachments: string;
  /** The heading of the named versions with their SHA-256 digests. */
  versions: string;
  /** The heading of the meeting's decisions (closed polls, changes of a proposal's status), as the public page names them. */
  decisions: string;
  annex: string;
  owner: string;
  due: string;
  statusLabel: string;
  status: { open: string; 'in-progress': string; done: string; dropped: string };
  /** A meeting day's heading in the pack, `{{day}}` its number: "Day 2", "第2天" (a word and a number do not make it in every language). */
  day: string;
  presenter: string;
  expectedOutput: string;
  /**
   * A label and what it labels ("Presenter: …", "Owner: …"), with the language's own punctuation: French
   * puts a space before the colon ("Intervenant : …", as the board does), Chinese a full-width colon.
   */
  labelled: string;
  /**
   * A meeting's start on its own clock, the clock named in words and by its IANA name, as the board's
   * header says it (`meeting.timeInZone`): "10:00 Eastern Time (America/New_York)".
   */
  timeInZone: string;
  /** An agenda item without a title (a new item has none), as the board says it ("(untitled item)"). */
  untitledItem: string;
  minutes: string;
  /**
   * The floor's record in the pack, its counts in the language's plural forms (`counted`): a turn
   * ("Kwame Asante (Civil society), 2:10", the group in the glossary's words), an answered question
   * with its votes, and a day's attendance ("7 December 2026: 1 in the room (Carlos Mendes); 1 online (…)").
   */
  floor: {
    turn: string;
    question: string;
    votes: Plural;
    day: string;
    inRoom: Plural;
    online: Plural;
    /** A count and the people it counts. */
    whom: string;
  };
  generated: string;
  printHint: string;
  /** An action owned by a role, when the meeting gave no name of its own (glossary terms). */
  roleOwner: { secretariat: string; chair: string; member: string; observer: string };
  /** The cycle timeline's calendar feed (the same words as the timeline page's). */
  timeline: {
    callCloses: string;
    pollOpen: string;
    pollClosed: string;
    actionDue: string;
    callKinds: { PN: string; BPF: string; other: string };
    statuses: {
      active: string;
      archived: string;
      open: string;
      upcoming: string;
      closed: string;
      'in-progress': string;
      done: string;
      dropped: string;
    };
  };
  /**
   * How the audit log names a comment (its start, quoted, then its author) and a thread (its first
   * comment, then the document it is on); a deleted or hidden comment is said to be so, never quoted.
   */
  audit: {
    quoted: string;
    deleted: string;
    hidden: string;
    comment: string;
    thread: string;
    /** A thread on an agenda: the agenda of its meeting, by the meeting's title. */
    agenda: string;
    /** A speaker's hand (a request to speak): whose it is, and the agenda item it was raised on ("3. Budget"). */
    hand: string;
    /** An agenda version the board named itself, worded in the reader's language (as the version history does). */
    versionNames: { periodic: string; beforeRestore: string; restore: string };
  };
  csv: {
    optionId: string;
    option: string;
    votes: string;
    firstPreferences: string;
    round: string;
    /** The column of who won: an election's ("elected"), an ordinary poll's ("most votes"). */
    elected: string;
    mostVotes: string;
    yes: string;
    no: string;
    ballots: string;
    exhausted: string;
    /** The column of the groups too small to show alone (`other`), as the board's Polls tab names it. */
    otherGroups: string;
  };
  /** The registrations CSV's column names (English: the machine-friendly ones; yes/no are csv.yes/no). */
  registrationsCsv: {
    name: string;
    email: string;
    group: string;
    country: string;
    affiliation: string;
    registered: string;
    confirmed: string;
  };
}

export const SERVER_TEXT: Record<Language, ServerText> = {
  en: {
    election: { question: '{{role}}: {{group}}', coFacilitator: 'Co-facilitator' },
    heading: 'Action items & next steps',
    actions: 'Actions',
    otherActions: 'Other actions',
    speakers: 'Speakers',
    questionsAnswered: 'Questions answered',
    attendance: 'Attendance',
    attachments: 'Attachments',
    versions: 'Versions of the agenda (SHA-256)',
    decisions: 'Decisions',
    annex: 'Annex 1: Meeting Agenda',
    owner: 'Owner',
    due: 'Due',
    statusLabel: 'Status',
    status: { open: 'open', 'in-progress': 'in progress', done: 'done', dropped: 'dropped' },
    day: 'Day {{day}}',
    presenter: 'Presenter',
    expectedOutput: 'Expected output',
    labelled: '{{label}}: {{value}}',
    timeInZone: '{{time}} {{zone}} ({{id}})',
    untitledItem: '(untitled item)',
    minutes: 'min',
    floor: {
      turn: '{{name}} ({{group}}), {{duration}}',
      question: '{{text}} ({{votes}})',
      votes: { one: '{{count}} vote', other: '{{count}} votes' },
      day: '{{day}}: {{room}}; {{online}}',
      inRoom: { one: '{{count}} in the room', other: '{{count}} in the room' },
      online: { one: '{{count}} online', other: '{{count}} online' },
      whom: '{{count}} ({{names}})',
    },
    generated: 'Generated by Plenary from the board’s record of the meeting.',
    printHint: 'To make a PDF, print this page (Ctrl+P or ⌘P) and choose “Save as PDF”.',
    roleOwner: { secretariat: 'The Secretariat', chair: 'The Chair', member: 'Members', observer: 'Observers' },
    // English column names stay the machine-friendly ones scripts already read.
    timeline: {
      callCloses: 'Call for {{kind}} closes',
      pollOpen: 'Poll open: {{question}}',
      pollClosed: 'Poll closed: {{question}}',
      actionDue: 'Due ({{due}}): {{text}}',
      callKinds: { PN: 'Policy Network proposals', BPF: 'Best Practice Forum proposals', other: 'Other proposals' },
      statuses: {
        ...STORE_WORDS.en.meetingStatus,
        open: 'open',
        upcoming: 'not open yet',
        closed: 'closed',
        'in-progress': 'in progress',
        done: 'done',
        dropped: 'dropped',
      },
    },
    audit: {
      quoted: '“{{text}}”',
      deleted: 'a deleted comment',
      hidden: 'a hidden comment',
      comment: '{{comment}} by {{author}}',
      thread: '{{comment}} on {{place}}',
      agenda: 'the agenda of {{meeting}}',
      hand: '{{person}}, item {{item}}',
      versionNames: {
        periodic: 'Automatic, {{when}}',
        beforeRestore: 'Before restoring “{{name}}”',
        restore: 'Restored “{{name}}”',
      },
    },
    csv: {
      optionId: 'option_id',
      option: 'option',
      votes: 'votes',
      firstPreferences: 'first_preferences',
      round: 'round_{{n}}',
      elected: 'elected',
      mostVotes: 'most_votes',
      yes: 'yes',
      no: 'no',
      ballots: 'Ballots',
      exhausted: 'Exhausted',
      otherGroups: 'other',
    },
    registrationsCsv: {
      name: 'name',
      email: 'email',
      group: 'group',
      country: 'country',
      affiliation: 'affiliation',
      registered: 'registered',
      confirmed: 'confirmed',
    },
  },
  fr: {
    election: { question: '{{role}} : {{group}}', coFacilitator: 'Cofacilitateur' },
    heading: 'Mesures à prendre et prochaines étapes',
    actions: 'Mesures',
    otherActions: 'Autres mesures',
    speakers: 'Orateurs',
    questionsAnswered: 'Questions ayant reçu une réponse',
    attendance: 'Participation',
    attachments: 'Pièces jointes',
    versions: 'Versions de l’ordre du jour (SHA-256)',
    decisions: 'Décisions',
    annex: 'Annexe 1 : Ordre du jour de la réunion',
    owner: 'Responsable',
    due: 'Échéance',
    statusLabel: 'État',
    status: { open: 'ouverte', 'in-progress': 'en cours', done: 'terminée', dropped: 'abandonnée' },
    day: 'Jour {{day}}',
    presenter: 'Intervenant',
    expectedOutput: 'Résultat attendu',
    labelled: '{{label}} : {{value}}',
    timeInZone: '{{time}} {{zone}} ({{id}})',
    untitledItem: '(point sans titre)',
    minutes: 'min',
    floor: {
      turn: '{{name}} ({{group}}), {{duration}}',
      question: '{{text}} ({{votes}})',
      votes: { one: '{{count}} voix', many: '{{count}} voix', other: '{{count}} voix' },
      day: '{{day}} : {{room}} ; {{online}}',
      inRoom: {
        one: '{{count}} personne dans la salle',
        many: '{{count}} personnes dans la salle',
        other: '{{count}} personnes dans la salle',
      },
      online: { one: '{{count}} personne en ligne', many: '{{count}} personnes en ligne', other: '{{count}} personnes en ligne' },
      whom: '{{count}} ({{names}})',
    },
    generated: 'Document établi par Plenary à partir du compte rendu de la réunion tenu sur le tableau.',
    printHint: 'Pour obtenir un PDF, imprimez cette page (Ctrl+P ou ⌘P) et choisissez « Enregistrer au format PDF ».',
    roleOwner: { secretariat: 'Le Secrétariat', chair: 'La présidence', member: 'Les membres', observer: 'Les observateurs' },
    timeline: {
      callCloses: 'Clôture de l’appel à propositions ({{kind}})',
      pollOpen: 'Scrutin ouvert : {{question}}',
      pollClosed: 'Scrutin clos : {{question}}',
      actionDue: 'Échéance ({{due}}) : {{text}}',
      callKinds: {
        PN: 'Propositions de réseaux politiques',
        BPF: 'Propositions de forums sur les meilleures pratiques',
        other: 'Autres propositions',
      },
      statuses: {
        ...STORE_WORDS.fr.meetingStatus,
        open: 'ouvert',
        upcoming: 'pas encore ouvert',
        closed: 'clos',
        'in-progress': 'en cours',
        done: 'terminée',
        dropped: 'abandonnée',
      },
    },
    audit: {
      quoted: '« {{text}} »',
      deleted: 'un commentaire supprimé',
      hidden: 'un commentaire masqué',
      comment: '{{comment}}, par {{author}}',
      thread: '{{comment}} sur {{place}}',
      agenda: 'l’ordre du jour de la réunion « {{meeting}} »',
      hand: '{{person}}, point {{item}}',
      versionNames: {
        periodic: 'Automatique, {{when}}',
        beforeRestore: 'Avant la restauration de « {{name}} »',
        restore: '« {{name}} » restaurée',
      },
    },
    csv: {
      optionId: 'id_option',
      option: 'option',
      votes: 'voix',
      firstPreferences: 'premières_préférences',
      round: 'tour_{{n}}',
      elected: 'élu',
      mostVotes: 'le plus de voix',
      yes: 'oui',
      no: 'non',
      ballots: 'Bulletins',
      exhausted: 'Épuisés',
      otherGroups: 'Petits groupes réunis',
    },
    registrationsCsv: {
      name: 'Nom',
      email: 'Adresse électronique',
      group: 'Groupe de parties prenantes',
      country: 'Pays',
      affiliation: 'Affiliation',
      registered: 'Date d’inscription',
      confirmed: 'Confirmée',
    },
  },
  es: {
    election: { question: '{{role}}: {{group}}', coFacilitator: 'Cofacilitador' },
    heading: 'Medidas que deben adoptarse y próximos pasos',
    actions: 'Medidas',
    otherActions: 'Otras medidas',
    speakers: 'Oradores',
    questionsAnswered: 'Preguntas respondidas',
    attendance: 'Asistencia',
    attachments: 'Archivos adjuntos',
    versions: 'Versiones del orden del día (SHA-256)',
    decisions: 'Decisiones',
    annex: 'Anexo 1: Programa de la reunión',
    owner: 'Responsable',
    due: 'Plazo',
    statusLabel: 'Estado',
    status: { open: 'abierta', 'in-progress': 'en curso', done: 'completada', dropped: 'descartada' },
    day: 'Día {{day}}',
    presenter: 'Ponente',
    expectedOutput: 'Resultado previsto',
    labelled: '{{label}}: {{value}}',
    timeInZone: '{{time}} {{zone}} ({{id}})',
    untitledItem: '(tema sin título)',
    minutes: 'min',
    floor: {
      turn: '{{name}} ({{group}}), {{duration}}',
      question: '{{text}} ({{votes}})',
      votes: { one: '{{count}} voto', many: '{{count}} votos', other: '{{count}} votos' },
      day: '{{day}}: {{room}}; {{online}}',
      inRoom: {
        one: '{{count}} persona en la sala',
        many: '{{count}} personas en la sala',
        other: '{{count}} personas en la sala',
      },
      online: { one: '{{count}} persona en línea', many: '{{count}} personas en línea', other: '{{count}} personas en línea' },
      whom: '{{count}} ({{names}})',
    },
    generated: 'Documento generado por Plenary a partir del registro de la reunión en el tablero.',
    printHint: 'Para obtener un PDF, imprima esta página (Ctrl+P o ⌘P) y elija «Guardar como PDF».',
    roleOwner: { secretariat: 'La Secretaría', chair: 'La Presidencia', member: 'Los miembros', observer: 'Los observadores' },
    timeline: {
      callCloses: 'Cierre de la convocatoria ({{kind}})',
      pollOpen: 'Votación abierta: {{question}}',
      pollClosed: 'Votación cerrada: {{question}}',
      actionDue: 'Vencimiento ({{due}}): {{text}}',
      callKinds: {
        PN: 'Propuestas de redes de políticas',
        BPF: 'Propuestas de foros de mejores prácticas',
        other: 'Otras propuestas',
      },
      statuses: {
        ...STORE_WORDS.es.meetingStatus,
        open: 'abierta',
        upcoming: 'aún no abierta',
        closed: 'cerrada',
        'in-progress': 'en curso',
        done: 'cumplida',
        dropped: 'descartada',
      },
    },
    audit: {
      quoted: '«{{text}}»',
      deleted: 'un comentario eliminado',
      hidden: 'un comentario ocultado',
      comment: '{{comment}}, par {{author}}',
      thread: '{{comment}} en {{place}}',
      agenda: 'el programa de {{meeting}}',
      hand: '{{person}}, punto {{item}}',
      versionNames: {
        periodic: 'Automática, {{when}}',
        beforeRestore: 'Antes de restaurar «{{name}}»',
        restore: '«{{name}}» restaurada',
      },
    },
    csv: {
      optionId: 'id_opción',
      option: 'opción',
      votes: 'votos',
      firstPreferences: 'primeras_preferencias',
      round: 'ronda_{{n}}',
      elected: 'elegido',
      mostVotes: 'más votos',
      yes: 'sí',
      no: 'no',
      ballots: 'Papeletas',
      exhausted: 'Agotadas',
      otherGroups: 'Grupos pequeños juntos',
    },
    registrationsCsv: {
      name: 'Nombre',
      email: 'Correo electrónico',
      group: 'Grupo de partes interesadas',
      country: 'País',
      affiliation: 'Afiliación',
      registered: 'Fecha de inscripción',
      confirmed: 'Confirmada',
    },
  },
  ru: {
    election: { question: '{{role}}: {{group}}', coFacilitator: 'Сокоординатор' },
    heading: 'Меры и дальнейшие шаги',
    actions: 'Меры',
    otherActions: 'Прочие меры',
    speakers: 'Выступающие',
    questionsAnswered: 'Вопросы, на которые даны ответы',
    attendance: 'Присутствие',
    attachments: 'Вложения',
    versions: 'Версии повестки дня (SHA-256)',
    decisions: 'Решения',
    annex: 'Приложение 1: Повестка дня совещания',
    owner: 'Ответственный',
    due: 'Срок',
    statusLabel: 'Статус',
    status: { open: 'открыта', 'in-progress': 'выполняется', done: 'выполнена', dropped: 'отменена' },
    day: 'День {{day}}',
    presenter: 'Докладчик',
    expectedOutput: 'Ожидаемый результат',
    labelled: '{{label}}: {{value}}',
    timeInZone: '{{time}} по часовому поясу «{{zone}}» ({{id}})',
    untitledItem: '(пункт без названия)',
    minutes: 'мин',
    floor: {
      turn: '{{name}} ({{group}}), {{duration}}',
      question: '{{text}} ({{votes}})',
      votes: { one: '{{count}} голос', few: '{{count}} голоса', many: '{{count}} голосов', other: '{{count}} голоса' },
      day: '{{day}}: {{room}}; {{online}}',
      inRoom: {
        one: '{{count}} человек в зале',
        few: '{{count}} человека в зале',
        many: '{{count}} человек в зале',
        other: '{{count}} человека в зале',
      },
      online: {
        one: '{{count}} человек онлайн',
        few: '{{count}} человека онлайн',
        many: '{{count}} человек онлайн',
        other: '{{count}} человека онлайн',
      },
      whom: '{{count}} ({{names}})',
    },
    generated: 'Документ подготовлен системой Plenary на основе записи совещания на доске.',
    printHint: 'Чтобы получить PDF, распечатайте эту страницу (Ctrl+P или ⌘P) и выберите «Сохранить как PDF».',
    roleOwner: { secretariat: 'Секретариат', chair: 'Председатель', member: 'Члены', observer: 'Наблюдатели' },
    timeline: {
      callCloses: 'Закрытие приёма предложений ({{kind}})',
      pollOpen: 'Голосование открыто: {{question}}',
      pollClosed: 'Голосование закрыто: {{question}}',
      actionDue: 'Срок ({{due}}): {{text}}',
      callKinds: {
        PN: 'Предложения сетей по вопросам политики',
        BPF: 'Предложения форумов по передовой практике',
        other: 'Другие предложения',
      },
      statuses: {
        ...STORE_WORDS.ru.meetingStatus,
        open: 'открыто',
        upcoming: 'ещё не открыто',
        closed: 'закрыто',
        'in-progress': 'выполняется',
        done: 'выполнено',
        dropped: 'отменено',
      },
    },
    audit: {
      quoted: '«{{text}}»',
      deleted: 'удалённый комментарий',
      hidden: 'скрытый комментарий',
      comment: '{{comment}} ({{author}})',
      thread: '{{comment}} — {{place}}',
      agenda: 'повестка дня: {{meeting}}',
      hand: '{{person}}, пункт {{item}}',
      versionNames: {
        periodic: 'Автоматически, {{when}}',
        beforeRestore: 'Перед восстановлением «{{name}}»',
        restore: 'Восстановлена «{{name}}»',
      },
    },
    csv: {
      optionId: 'id_варианта',
      option: 'вариант',
      votes: 'голоса',
      firstPreferences: 'первые_предпочтения',
      round: 'тур_{{n}}',
      elected: 'избран',
      mostVotes: 'больше всего голосов',
      yes: 'да',
      no: 'нет',
      ballots: 'Бюллетени',
      exhausted: 'Исчерпанные',
      otherGroups: 'Малые группы вместе',
    },
    registrationsCsv: {
      name: 'Имя',
      email: 'Адрес электронной почты',
      group: 'Группа заинтересованных сторон',
      country: 'Страна',
      affiliation: 'Организация',
      registered: 'Дата регистрации',
      confirmed: 'Подтверждена',
    },
  },
  zh: {
    election: { question: '{{role}}：{{group}}', coFacilitator: '共同协调人' },
    heading: '行动事项和后续步骤',
    actions: '行动',
    otherActions: '其他行动',
    speakers: '发言者',
    questionsAnswered: '已回答的问题',
    attendance: '出席情况',
    attachments: '附件',
    versions: '议程版本（SHA-256）',
    decisions: '决定',
    annex: '附件1：会议议程',
    owner: '负责人',
    due: '截止日期',
    statusLabel: '状态',
    status: { open: '未开始', 'in-progress': '进行中', done: '已完成', dropped: '已放弃' },
    day: '第{{day}}天',
    presenter: '主讲人',
    expectedOutput: '预期成果',
    labelled: '{{label}}：{{value}}',
    timeInZone: '{{zone}}{{time}}（{{id}}）',
    untitledItem: '（无标题议题）',
    minutes: '分钟',
    floor: {
      turn: '{{name}}（{{group}}），{{duration}}',
      question: '{{text}}（{{votes}}）',
      votes: { other: '{{count}} 票' },
      day: '{{day}}：{{room}}；{{online}}',
      inRoom: { other: '会场出席 {{count}} 人' },
      online: { other: '线上出席 {{count}} 人' },
      whom: '{{count}}（{{names}}）',
    },
    generated: '由 Plenary 根据看板上的会议记录生成。',
    printHint: '如需 PDF，请打印本页（Ctrl+P 或 ⌘P）并选择“另存为 PDF”。',
    roleOwner: { secretariat: '秘书处', chair: '主席', member: '成员', observer: '观察员' },
    timeline: {
      callCloses: '{{kind}}征集截止',
      pollOpen: '投票进行中：{{question}}',
      pollClosed: '投票已结束：{{question}}',
      actionDue: '截止（{{due}}）：{{text}}',
      callKinds: { PN: '政策网络提案', BPF: '最佳做法论坛提案', other: '其他提案' },
      statuses: {
        ...STORE_WORDS.zh.meetingStatus,
        open: '进行中',
        upcoming: '尚未开始',
        closed: '已结束',
        'in-progress': '进行中',
        done: '已完成',
        dropped: '已放弃',
      },
    },
    audit: {
      quoted: '“{{text}}”',
      deleted: '已删除的评论',
      hidden: '已隐藏的评论',
      comment: '{{comment}}（{{author}}）',
      thread: '{{comment}}（{{place}}）',
      agenda: '{{meeting}}的议程',
      hand: '{{person}}，议程项目 {{item}}',
      versionNames: { periodic: '自动保存，{{when}}', beforeRestore: '恢复“{{name}}”之前', restore: '已恢复“{{name}}”' },
    },
    csv: {
      optionId: '选项编号',
      option: '选项',
      votes: '票数',
      firstPreferences: '第一选择票数',
      round: '第{{n}}轮',
      elected: '当选',
      mostVotes: '得票最多',
      yes: '是',
      no: '否',
      ballots: '选票',
      exhausted: '无效转移票',
      otherGroups: '较小群体合计',
    },
    registrationsCsv: {
      name: '姓名',
      email: '电子邮件',
      group: '利益攸关方群体',
      country: '国家',
      affiliation: '所属机构',
      registered: '报名时间',
      confirmed: '已确认',
    },
  },
  ar: {
    election: { question: '{{role}}: {{group}}', coFacilitator: 'ميسر مشارك' },
    heading: 'الإجراءات المطلوبة والخطوات التالية',
    actions: 'الإجراءات',
    otherActions: 'إجراءات أخرى',
    speakers: 'المتكلمون',
    questionsAnswered: 'الأسئلة التي تمت الإجابة عنها',
    attendance: 'الحضور',
    attachments: 'المرفقات',
    versions: 'نسخ جدول الأعمال (SHA-256)',
    decisions: 'القرارات',
    annex: 'المرفق 1: جدول أعمال الاجتماع',
    owner: 'المسؤول',
    due: 'الموعد النهائي',
    statusLabel: 'الحالة',
    status: { open: 'مفتوح', 'in-progress': 'قيد التنفيذ', done: 'منجز', dropped: 'ملغى' },
    day: 'اليوم {{day}}',
    presenter: 'مقدم العرض',
    expectedOutput: 'النتيجة المتوقعة',
    labelled: '{{label}}: {{value}}',
    timeInZone: '{{time}} حسب {{zone}} ({{id}})',
    untitledItem: '(بند بلا عنوان)',
    minutes: 'دقيقة',
    floor: {
      turn: '{{name}} ({{group}})، {{duration}}',
      question: '{{text}} ({{votes}})',
      votes: {
        zero: 'لا أصوات',
        one: 'صوت واحد',
        two: 'صوتان',
        few: '{{count}} أصوات',
        many: '{{count}} صوتاً',
        other: '{{count}} صوت',
      },
      day: '{{day}}: {{room}}؛ {{online}}',
      inRoom: {
        zero: 'لا أحد في القاعة',
        one: 'شخص واحد في القاعة',
        two: 'شخصان في القاعة',
        few: '{{count}} أشخاص في القاعة',
        many: '{{count}} شخصاً في القاعة',
        other: '{{count}} شخص في القاعة',
      },
      online: {
        zero: 'لا أحد عبر الإنترنت',
        one: 'شخص واحد عبر الإنترنت',
        two: 'شخصان عبر الإنترنت',
        few: '{{count}} أشخاص عبر الإنترنت',
        many: '{{count}} شخصاً عبر الإنترنت',
        other: '{{count}} شخص عبر الإنترنت',
      },
      whom: '{{count}} ({{names}})',
    },
    generated: 'أعدّه نظام Plenary انطلاقاً من سجل الاجتماع على اللوحة.',
    printHint: 'للحصول على ملف PDF، اطبع هذه الصفحة (Ctrl+P أو ⌘P) واختر «حفظ بتنسيق PDF».',
    roleOwner: { secretariat: 'الأمانة', chair: 'الرئيس', member: 'الأعضاء', observer: 'المراقبون' },
    timeline: {
      callCloses: 'إغلاق الدعوة إلى تقديم {{kind}}',
      pollOpen: 'تصويت مفتوح: {{question}}',
      pollClosed: 'تصويت مغلق: {{question}}',
      actionDue: 'الموعد النهائي ({{due}}): {{text}}',
      callKinds: { PN: 'مقترحات شبكات السياسات', BPF: 'مقترحات منتديات أفضل الممارسات', other: 'مقترحات أخرى' },
      statuses: {
        ...STORE_WORDS.ar.meetingStatus,
        open: 'مفتوح',
        upcoming: 'لم يُفتح بعد',
        closed: 'مغلق',
        'in-progress': 'قيد التنفيذ',
        done: 'منجز',
        dropped: 'ملغى',
      },
    },
    audit: {
      quoted: '«{{text}}»',
      deleted: 'تعليق محذوف',
      hidden: 'تعليق مخفي',
      comment: '{{comment}} بقلم {{author}}',
      thread: '{{comment}} على {{place}}',
      agenda: 'جدول أعمال {{meeting}}',
      hand: '{{person}}، البند {{item}}',
      versionNames: { periodic: 'تلقائية، {{when}}', beforeRestore: 'قبل استعادة «{{name}}»', restore: 'استُعيدت «{{name}}»' },
    },
    csv: {
      optionId: 'معرف_الخيار',
      option: 'الخيار',
      votes: 'الأصوات',
      firstPreferences: 'التفضيلات_الأولى',
      round: 'الجولة_{{n}}',
      elected: 'منتخب',
      mostVotes: 'أكثر الأصوات',
      yes: 'نعم',
      no: 'لا',
      ballots: 'بطاقات الاقتراع',
      exhausted: 'المستنفدة',
      otherGroups: 'الفئات الصغيرة مجتمعة',
    },
    registrationsCsv: {
      name: 'الاسم',
      email: 'البريد الإلكتروني',
      group: 'فئة أصحاب المصلحة',
      country: 'البلد',
      affiliation: 'جهة الانتساب',
      registered: 'تاريخ التسجيل',
      confirmed: 'مؤكَّد',
    },
  },
};

export const serverText = (language: Language): ServerText => SERVER_TEXT[language];

// The locale for Intl, one rule for the server's documents and the board: British English for English,
// as the UN writes dates ("30 January 2025"); defined in shared/i18n/format.ts.
export { intlLocale };

/**
 * A template's `{{name}}` placeholders filled in. Every catalogue of the server uses this syntax
 * (this one, the public pages', the emails'), as the client's i18next catalogues do.
 */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));

/** "Presenter: Kwame", "Intervenant : Kwame": a label and its value, punctuated as `text`'s language does. */
export const labelled = (text: ServerText, label: string, value: string): string => fill(text.labelled, { label, value });

/** A count's words in the plural forms of one language: at least `other`, and each form the language uses. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * Each language's plural rules and number format, made once: building an Intl object takes some
 * 0.1 ms, and a burst of emails or a public page's render says many counts.
 */
const countFormats = new Map<Language, { plurals: Intl.PluralRules; numbers: Intl.NumberFormat }>();

/** "3 ballots": the form of `plural` the language uses for `count`, its `{{count}}` written as the language writes numbers. */
export function counted(language: Language, plural: Plural, count: number): string {
  let format = countFormats.get(language);
  if (!format) {
    format = { plurals: new Intl.PluralRules(intlLocale(language)), numbers: new Intl.NumberFormat(intlLocale(language)) };
    countFormats.set(language, format);
  }
  return fill(plural[format.plurals.select(count)] ?? plural.other, { count: format.numbers.format(count) });
}
