/**
 * The words of the public pages (the meeting, a version of its agenda, a closed poll, the
 * registration form) and of their Atom feed, in the six UN languages. Terms follow the glossary in
 * docs/glossary.md. `{{name}}` placeholders are identical in every language (a placeholder may
 * stand for a link, so a sentence keeps its own word order around it); the completeness test
 * (test/unit/i18nCatalogues.test.ts) checks every key, and `ballots` has the plural forms of its
 * language (Intl.PluralRules).
 */
import type { Language } from '../../../shared/i18n/languages.ts';
import { counted, fill, intlLocale, type Plural } from '../i18n/serverText.ts';
import { STORE_WORDS, type StoreWords } from '../i18n/storeWords.ts';

export interface PublicText {
  layout: {
    skip: string;
    footer: string;
    /** Said by the live script when it replaced the content: "Updated 14:05:10". */
    updated: string;
    /** Said by the live script when the server refused its poll (429); it tries again by itself. */
    paused: string;
    /** The Atom feed's title in the page's head. */
    feedTitle: string;
    languages: string;
    /** A moment in UTC: "{{time}} UTC". */
    utc: string;
  };
  meeting: {
    description: string;
    onThisPage: string;
    agenda: string;
    proposals: string;
    decisions: string;
    documents: string;
    groups: string;
    actions: string;
    versions: string;
    moderation: string;
    takePart: string;
    feed: string;
    agendaNotPublished: string;
    /** Said once before the agenda: its times' zone in words ({{zone}}, "Eastern Time") and by its IANA name ({{id}}). */
    timesIn: string;
    noProposals: string;
    closedPolls: string;
    noPollClosed: string;
    statusChanges: string;
    noStatusChange: string;
    cofacilitators: string;
    noGroups: string;
    noActions: string;
    versionsHeading: string;
    noVersion: string;
    /** "Meeting pack: {{html}} · {{md}} · {{docx}}", each a link. */
    pack: string;
    packHtml: string;
    noModeration: string;
    /** A moderation log line: "{{day}}: comment hidden". */
    hidden: string;
  };
  proposal: {
    openForComment: string;
    comments: string;
    noComments: string;
    hiddenByModerator: string;
    /** A comment's mention of an id that is nobody's, after "@" (the id itself is never shown). */
    someone: string;
    kinds: { PN: string; BPF: string; other: string };
  };
  poll: {
    secret: string;
    named: string;
    ballots: Plural;
    closed: string;
    results: string;
    option: string;
    votes: string;
    elected: string;
    /** Beside the winner of an ordinary poll (not an election). */
    mostVotes: string;
    /** The poll page's description: "The results of the poll “{{question}}” ({{ballots}})." */
    description: string;
  };
  documents: {
    none: string;
    caption: string;
    document: string;
    attachedTo: string;
    size: string;
    added: string;
    version: string;
    item: string;
    /** "Proposal {{title}}", the title a link. */
    proposal: string;
    meeting: string;
  };
  decision: {
    /** "Taken on {{version}}.", the version a link. */
    takenOn: string;
    takenBeforeVersions: string;
    agendaVersion: string;
  };
  version: {
    title: string;
    description: string;
    heading: string;
    /** "Saved {{time}}. …" */
    saved: string;
    /** "SHA-256 of the exported content ({{markdown}})", a link to the Markdown. */
    digest: string;
    /** How to check a citation; {{command}} is `sha256sum`. */
    check: string;
  };
  registration: {
    heading: string;
    intro: string;
    link: string;
    closed: string;
    /** Instead of the intro and the link, on an archived meeting's page and form: it takes no more registrations. */
    archived: string;
    title: string;
    description: string;
    name: string;
    email: string;
    group: string;
    /** The stakeholder group list's first, empty choice: a registrant must pick a group. */
    choose: string;
    country: string;
    affiliation: string;
    /** A field that may be left empty, marked as the board marks one: "Affiliation (optional)". */
    optional: string;
    trap: string;
    submit: string;
    pending: string;
    sentTitle: string;
    sentHeading: string;
    /** Why a registration was refused, by the service's error (and its field). */
    errors: {
      formToken: string;
      tooFast: string;
      expired: string;
      notAccepted: string;
      email: string;
      name: string;
      country: string;
      invalid: string;
      rateLimited: string;
      /** No valid stakeholder group was chosen. */
      group: string;
      /** Beside a field longer than it may be: "at most {{max}} characters" ({{max}} is 100 or more). */
      tooLong: string;
      /** The heading of the summary of what was wrong, at the top of the form. */
      summary: string;
      /** A line of that summary, linking to its field: "{{field}}: {{message}}". */
      item: string;
      /** The address sent too many forms: wait this many seconds (Retry-After), in the language's plural forms. */
      retryIn: Plural;
    };
  };
  feed: {
    newProposal: string;
    proposalSummary: string;
    pollClosed: string;
    statusTitle: string;
    statusSummary: string;
    versionTitle: string;
    versionSummary: string;
    /** " Taken on agenda version “{{name}}”." after a decision's summary. */
    takenOn: string;
    related: string;
  };
}

const en: PublicText = {
  layout: {
    skip: 'Skip to content',
    footer: 'Published by Plenary from the board’s record. Anyone may read and cite this page.',
    updated: 'Updated',
    paused: 'Live updates paused; trying again shortly.',
    feedTitle: 'Changes',
    languages: 'Languages',
    utc: '{{time}} UTC',
  },
  meeting: {
    description: '{{dates}} · {{form}}. The agenda, proposals, decisions and actions of the meeting.',
    onThisPage: 'On this page',
    agenda: 'Agenda',
    proposals: 'Proposals',
    decisions: 'Decisions',
    documents: 'Documents',
    groups: 'Working groups',
    actions: 'Actions',
    versions: 'Versions',
    moderation: 'Moderation log',
    takePart: 'Take part',
    feed: 'Atom feed of changes',
    agendaNotPublished: 'The agenda is not published yet.',
    timesIn: 'Times are in {{zone}} ({{id}}).',
    noProposals: 'No proposals.',
    closedPolls: 'Closed polls',
    noPollClosed: 'No poll has closed yet.',
    statusChanges: 'Changes of a proposal’s status',
    noStatusChange: 'No proposal has changed status yet.',
    cofacilitators: 'co-facilitators: {{names}}',
    noGroups: 'No working groups.',
    noActions: 'No actions recorded.',
    versionsHeading: 'Versions of the agenda',
    noVersion: 'No named version yet.',
    pack: 'Meeting pack: {{html}} · {{md}} · {{docx}}',
    packHtml: 'web page',
    noModeration: 'No moderation so far.',
    hidden: '{{day}}: comment hidden',
  },
  proposal: {
    openForComment: 'open for public comment',
    comments: 'Comments',
    noComments: 'No comments yet.',
    hiddenByModerator: 'hidden by moderator',
    someone: 'someone',
    kinds: { PN: 'Policy Network', BPF: 'Best Practice Forum', other: 'Other' },
  },
  poll: {
    secret: 'Secret ballot: totals only',
    named: 'Named ballot',
    ballots: { one: '{{count}} ballot', other: '{{count}} ballots' },
    closed: 'closed {{time}}',
    results: 'Results: {{question}}',
    option: 'Option',
    votes: 'Votes',
    elected: '(elected)',
    mostVotes: '(most votes)',
    description: 'The results of the poll “{{question}}” ({{ballots}}).',
  },
  documents: {
    none: 'No documents attached.',
    caption: 'Documents attached to the meeting, its agenda items and proposals',
    document: 'Document',
    attachedTo: 'Attached to',
    size: 'Size',
    added: 'Added',
    version: '(version {{n}})',
    item: 'Item {{number}}. {{title}}',
    proposal: 'Proposal {{title}}',
    meeting: 'The meeting',
  },
  decision: {
    takenOn: 'Taken on {{version}}.',
    takenBeforeVersions: 'Taken before any named version of the agenda.',
    agendaVersion: 'agenda version “{{name}}”',
  },
  version: {
    title: '{{meeting}}: agenda version “{{name}}”',
    description: 'The agenda as it stood in the named version “{{name}}”. SHA-256 {{digest}}.',
    heading: 'Agenda version “{{name}}”',
    saved: 'Saved {{time}}. This page always shows exactly this version.',
    digest: 'SHA-256 of the exported content ({{markdown}})',
    check: 'To check a citation: download the Markdown and compare its SHA-256 (for example {{command}}) with the digest above.',
  },
  registration: {
    heading: 'Register for this meeting',
    intro:
      'Anyone may follow this meeting. To comment on proposals open for public comment and vote in polls open to everyone, register as an observer.',
    link: 'Register for this meeting',
    closed: 'Registration for this meeting is closed.',
    archived: 'This meeting is archived: registration is closed.',
    title: 'Register: {{title}}',
    description: 'Register to take part in {{title}}.',
    name: 'Name',
    email: 'Email',
    group: 'Stakeholder group',
    choose: 'Choose…',
    country: 'Country',
    affiliation: 'Affiliation',
    optional: '{{field}} (optional)',
    trap: 'Website (leave empty)',
    submit: 'Register',
    pending: 'Thank you. We have sent you an email: open the link in it to confirm your registration and choose a password.',
    sentTitle: 'Registered: {{title}}',
    sentHeading: 'Check your email',
    errors: {
      formToken: 'The form could not be checked; reload the page and try again.',
      tooFast: 'That was too fast; please check the form and send it again.',
      expired: 'The form has expired; reload the page and try again.',
      notAccepted: 'The form could not be accepted.',
      email: 'The email is not a valid address.',
      name: 'The name is empty.',
      country: 'The country is empty.',
      invalid: 'Please check the form and send it again.',
      rateLimited: 'Too many registrations from this email domain; try again in a minute.',
      group: 'Choose a stakeholder group.',
      tooLong: 'This is too long: at most {{max}} characters.',
      summary: 'Your registration was not sent',
      item: '{{field}}: {{message}}',
      retryIn: {
        one: 'Too many attempts from your connection. Wait {{count}} second, then send the form again.',
        other: 'Too many attempts from your connection. Wait {{count}} seconds, then send the form again.',
      },
    },
  },
  feed: {
    newProposal: 'New proposal: {{title}}',
    proposalSummary: '{{kind}} proposal “{{title}}” ({{status}}).',
    pollClosed: 'Poll closed: {{question}}',
    statusTitle: '{{title}}: {{status}}',
    statusSummary: 'The status of “{{title}}” is now {{status}}.',
    versionTitle: 'Agenda version: {{name}}',
    versionSummary: 'A named version of the agenda, “{{name}}”.',
    takenOn: ' Taken on agenda version “{{name}}”.',
    related: 'Agenda version',
  },
};

const fr: PublicText = {
  layout: {
    skip: 'Aller au contenu',
    footer:
      'Page publiée par Plenary à partir du compte rendu tenu sur le tableau. Toute personne peut la consulter et la citer.',
    updated: 'Mis à jour à',
    paused: 'Mises à jour en direct suspendues ; nouvel essai sous peu.',
    feedTitle: 'Modifications',
    languages: 'Langues',
    utc: '{{time}} UTC',
  },
  meeting: {
    description: '{{dates}} · {{form}}. L’ordre du jour, les propositions, les décisions et les mesures à prendre de la réunion.',
    onThisPage: 'Sur cette page',
    agenda: 'Ordre du jour',
    proposals: 'Propositions',
    decisions: 'Décisions',
    documents: 'Documents',
    groups: 'Groupes de travail',
    actions: 'Mesures à prendre',
    versions: 'Versions',
    moderation: 'Journal de modération',
    takePart: 'Participer',
    feed: 'Flux Atom des modifications',
    agendaNotPublished: 'L’ordre du jour n’est pas encore publié.',
    timesIn: 'Les heures sont indiquées selon ce fuseau horaire : {{zone}} ({{id}}).',
    noProposals: 'Aucune proposition.',
    closedPolls: 'Scrutins clos',
    noPollClosed: 'Aucun scrutin n’est encore clos.',
    statusChanges: 'Changements d’état des propositions',
    noStatusChange: 'Aucune proposition n’a encore changé d’état.',
    cofacilitators: 'cofacilitateurs : {{names}}',
    noGroups: 'Aucun groupe de travail.',
    noActions: 'Aucune mesure enregistrée.',
    versionsHeading: 'Versions de l’ordre du jour',
    noVersion: 'Aucune version nommée pour l’instant.',
    pack: 'Dossier de la réunion : {{html}} · {{md}} · {{docx}}',
    packHtml: 'page Web',
    noModeration: 'Aucune modération à ce jour.',
    hidden: '{{day}} : commentaire masqué',
  },
  proposal: {
    openForComment: 'ouverte aux commentaires du public',
    comments: 'Commentaires',
    noComments: 'Aucun commentaire pour l’instant.',
    hiddenByModerator: 'masqué par la modération',
    someone: 'quelqu’un',
    kinds: { PN: 'Réseau politique', BPF: 'Forum sur les meilleures pratiques', other: 'Autre' },
  },
  poll: {
    secret: 'Scrutin secret : totaux uniquement',
    named: 'Vote nominatif',
    ballots: { one: '{{count}} bulletin', many: '{{count}} bulletins', other: '{{count}} bulletins' },
    closed: 'clos le {{time}}',
    results: 'Résultats : {{question}}',
    option: 'Option',
    votes: 'Voix',
    elected: '(élu(e))',
    mostVotes: '(le plus de voix)',
    description: 'Résultats du scrutin « {{question}} » ({{ballots}}).',
  },
  documents: {
    none: 'Aucun document joint.',
    caption: 'Documents joints à la réunion, aux points de son ordre du jour et aux propositions',
    document: 'Document',
    attachedTo: 'Joint à',
    size: 'Taille',
    added: 'Date d’ajout',
    version: '(version {{n}})',
    item: 'Point {{number}}. {{title}}',
    proposal: 'Proposition {{title}}',
    meeting: 'La réunion',
  },
  decision: {
    takenOn: 'Décision prise sur la base de la {{version}}.',
    takenBeforeVersions: 'Décision prise avant toute version nommée de l’ordre du jour.',
    agendaVersion: 'version « {{name}} » de l’ordre du jour',
  },
  version: {
    title: '{{meeting}} : version « {{name}} » de l’ordre du jour',
    description: 'L’ordre du jour tel qu’il figurait dans la version nommée « {{name}} ». SHA-256 {{digest}}.',
    heading: 'Version « {{name}} » de l’ordre du jour',
    saved: 'Enregistrée le {{time}}. Cette page présente toujours exactement cette version.',
    digest: 'SHA-256 du contenu exporté ({{markdown}})',
    check:
      'Pour vérifier une citation : téléchargez le fichier Markdown et comparez son empreinte SHA-256 (par exemple avec {{command}}) à celle indiquée ci-dessus.',
  },
  registration: {
    heading: 'S’inscrire à cette réunion',
    intro:
      'Toute personne peut suivre cette réunion. Pour commenter les propositions ouvertes aux commentaires du public et participer aux scrutins ouverts à tous, inscrivez-vous en tant qu’observateur.',
    link: 'S’inscrire à cette réunion',
    closed: 'Les inscriptions à cette réunion sont closes.',
    archived: 'Cette réunion est archivée : les inscriptions sont closes.',
    title: 'Inscription : {{title}}',
    description: 'Inscrivez-vous pour participer à « {{title}} ».',
    name: 'Nom',
    email: 'Adresse électronique',
    group: 'Groupe de parties prenantes',
    choose: 'Choisir…',
    country: 'Pays',
    affiliation: 'Affiliation',
    optional: '{{field}} (facultatif)',
    trap: 'Site Web (laisser vide)',
    submit: 'S’inscrire',
    pending:
      'Merci. Nous vous avons envoyé un courriel : ouvrez le lien qu’il contient pour confirmer votre inscription et choisir un mot de passe.',
    sentTitle: 'Inscription reçue : {{title}}',
    sentHeading: 'Consultez votre boîte de réception',
    errors: {
      formToken: 'Le formulaire n’a pas pu être vérifié ; rechargez la page et réessayez.',
      tooFast: 'Envoi trop rapide ; veuillez vérifier le formulaire et l’envoyer à nouveau.',
      expired: 'Le formulaire a expiré ; rechargez la page et réessayez.',
      notAccepted: 'Le formulaire n’a pas pu être accepté.',
      email: 'L’adresse électronique n’est pas valide.',
      name: 'Le nom n’est pas renseigné.',
      country: 'Le pays n’est pas renseigné.',
      invalid: 'Veuillez vérifier le formulaire et l’envoyer à nouveau.',
      rateLimited: 'Trop d’inscriptions depuis ce domaine de messagerie ; réessayez dans une minute.',
      group: 'Choisissez un groupe de parties prenantes.',
      tooLong: 'Ce texte est trop long : {{max}} caractères au maximum.',
      summary: 'Votre inscription n’a pas été envoyée',
      item: '{{field}} : {{message}}',
      retryIn: {
        one: 'Trop de tentatives depuis votre connexion. Patientez {{count}} seconde, puis renvoyez le formulaire.',
        many: 'Trop de tentatives depuis votre connexion. Patientez {{count}} secondes, puis renvoyez le formulaire.',
        other: 'Trop de tentatives depuis votre connexion. Patientez {{count}} secondes, puis renvoyez le formulaire.',
      },
    },
  },
  feed: {
    newProposal: 'Nouvelle proposition : {{title}}',
    proposalSummary: 'Proposition « {{title}} » ({{kind}}, {{status}}).',
    pollClosed: 'Scrutin clos : {{question}}',
    statusTitle: '{{title}} : {{status}}',
    statusSummary: 'La proposition « {{title}} » est désormais {{status}}.',
    versionTitle: 'Version de l’ordre du jour : {{name}}',
    versionSummary: 'Version nommée de l’ordre du jour : « {{name}} ».',
    takenOn: ' Décision prise sur la base de la version « {{name}} » de l’ordre du jour.',
    related: 'Version de l’ordre du jour',
  },
};

const es: PublicText = {
  layout: {
    skip: 'Ir al contenido',
    footer: 'Página publicada por Plenary a partir del registro del tablero. Cualquier persona puede leerla y citarla.',
    updated: 'Actualizado a las',
    paused: 'Actualizaciones en directo en pausa; se reintentará en breve.',
    feedTitle: 'Cambios',
    languages: 'Idiomas',
    utc: '{{time}} UTC',
  },
  meeting: {
    description: '{{dates}} · {{form}}. El programa, las propuestas, las decisiones y las medidas de la reunión.',
    onThisPage: 'En esta página',
    agenda: 'Programa',
    proposals: 'Propuestas',
    decisions: 'Decisiones',
    documents: 'Documentos',
    groups: 'Grupos de trabajo',
    actions: 'Medidas que deben adoptarse',
    versions: 'Versiones',
    moderation: 'Registro de moderación',
    takePart: 'Participar',
    feed: 'Canal Atom de cambios',
    agendaNotPublished: 'El programa aún no se ha publicado.',
    timesIn: 'Las horas se indican en esta zona horaria: {{zone}} ({{id}}).',
    noProposals: 'No hay propuestas.',
    closedPolls: 'Votaciones cerradas',
    noPollClosed: 'Todavía no se ha cerrado ninguna votación.',
    statusChanges: 'Cambios de estado de las propuestas',
    noStatusChange: 'Ninguna propuesta ha cambiado todavía de estado.',
    cofacilitators: 'cofacilitadores: {{names}}',
    noGroups: 'No hay grupos de trabajo.',
    noActions: 'No se ha registrado ninguna medida.',
    versionsHeading: 'Versiones del programa',
    noVersion: 'Todavía no hay versiones con nombre.',
    pack: 'Documentación de la reunión: {{html}} · {{md}} · {{docx}}',
    packHtml: 'página web',
    noModeration: 'Hasta ahora no ha habido moderación.',
    hidden: '{{day}}: comentario oculto',
  },
  proposal: {
    openForComment: 'abierta a comentarios públicos',
    comments: 'Comentarios',
    noComments: 'Todavía no hay comentarios.',
    hiddenByModerator: 'ocultado por la moderación',
    someone: 'alguien',
    kinds: { PN: 'Red de políticas', BPF: 'Foro de mejores prácticas', other: 'Otra' },
  },
  poll: {
    secret: 'Voto secreto: solo totales',
    named: 'Votación nominal',
    ballots: { one: '{{count}} papeleta', many: '{{count}} papeletas', other: '{{count}} papeletas' },
    closed: 'cerrada el {{time}}',
    results: 'Resultados: {{question}}',
    option: 'Opción',
    votes: 'Votos',
    elected: '(elegido)',
    mostVotes: '(más votos)',
    description: 'Resultados de la votación «{{question}}» ({{ballots}}).',
  },
  documents: {
    none: 'No hay documentos adjuntos.',
    caption: 'Documentos adjuntos a la reunión, a los temas de su programa y a las propuestas',
    document: 'Documento',
    attachedTo: 'Adjunto a',
    size: 'Tamaño',
    added: 'Añadido',
    version: '(versión {{n}})',
    item: 'Tema {{number}}. {{title}}',
    proposal: 'Propuesta {{title}}',
    meeting: 'La reunión',
  },
  decision: {
    takenOn: 'Decisión adoptada sobre la base de la {{version}}.',
    takenBeforeVersions: 'Decisión adoptada antes de cualquier versión con nombre del programa.',
    agendaVersion: 'versión «{{name}}» del programa',
  },
  version: {
    title: '{{meeting}}: versión «{{name}}» del programa',
    description: 'El programa tal como figuraba en la versión con nombre «{{name}}». SHA-256 {{digest}}.',
    heading: 'Versión «{{name}}» del programa',
    saved: 'Guardada el {{time}}. Esta página muestra siempre exactamente esta versión.',
    digest: 'SHA-256 del contenido exportado ({{markdown}})',
    check:
      'Para verificar una cita: descargue el archivo Markdown y compare su SHA-256 (por ejemplo, con {{command}}) con el valor indicado arriba.',
  },
  registration: {
    heading: 'Inscribirse en esta reunión',
    intro:
      'Cualquier persona puede seguir esta reunión. Para comentar las propuestas abiertas a comentarios públicos y participar en las votaciones abiertas a todos, inscríbase como observador.',
    link: 'Inscribirse en esta reunión',
    closed: 'La inscripción para esta reunión está cerrada.',
    archived: 'Esta reunión está archivada: la inscripción está cerrada.',
    title: 'Inscripción: {{title}}',
    description: 'Inscríbase para participar en «{{title}}».',
    name: 'Nombre',
    email: 'Correo electrónico',
    group: 'Grupo de partes interesadas',
    choose: 'Elegir…',
    country: 'País',
    affiliation: 'Afiliación',
    optional: '{{field}} (opcional)',
    trap: 'Sitio web (déjelo vacío)',
    submit: 'Inscribirse',
    pending:
      'Gracias. Le hemos enviado un correo electrónico: abra el enlace que contiene para confirmar su inscripción y elegir una contraseña.',
    sentTitle: 'Inscripción recibida: {{title}}',
    sentHeading: 'Revise su bandeja de entrada',
    errors: {
      formToken: 'No se pudo verificar el formulario; vuelva a cargar la página e inténtelo de nuevo.',
      tooFast: 'El envío fue demasiado rápido; revise el formulario y vuelva a enviarlo.',
      expired: 'El formulario ha caducado; vuelva a cargar la página e inténtelo de nuevo.',
      notAccepted: 'No se pudo aceptar el formulario.',
      email: 'La dirección de correo electrónico no es válida.',
      name: 'No se ha indicado el nombre.',
      country: 'No se ha indicado el país.',
      invalid: 'Revise el formulario y vuelva a enviarlo.',
      rateLimited: 'Demasiadas inscripciones desde este dominio de correo electrónico; inténtelo de nuevo dentro de un minuto.',
      group: 'Elija un grupo de partes interesadas.',
      tooLong: 'El texto es demasiado largo: {{max}} caracteres como máximo.',
      summary: 'Su inscripción no se ha enviado',
      item: '{{field}}: {{message}}',
      retryIn: {
        one: 'Demasiados intentos desde su conexión. Espere {{count}} segundo y vuelva a enviar el formulario.',
        many: 'Demasiados intentos desde su conexión. Espere {{count}} segundos y vuelva a enviar el formulario.',
        other: 'Demasiados intentos desde su conexión. Espere {{count}} segundos y vuelva a enviar el formulario.',
      },
    },
  },
  feed: {
    newProposal: 'Nueva propuesta: {{title}}',
    proposalSummary: 'Propuesta «{{title}}» ({{kind}}, {{status}}).',
    pollClosed: 'Votación cerrada: {{question}}',
    statusTitle: '{{title}}: {{status}}',
    statusSummary: 'La propuesta «{{title}}» está ahora {{status}}.',
    versionTitle: 'Versión del programa: {{name}}',
    versionSummary: 'Versión con nombre del programa: «{{name}}».',
    takenOn: ' Decisión adoptada sobre la base de la versión «{{name}}» del programa.',
    related: 'Versión del programa',
  },
};

const ru: PublicText = {
  layout: {
    skip: 'Перейти к основному содержанию',
    footer: 'Опубликовано системой Plenary на основе записей доски. Любой желающий может читать и цитировать эту страницу.',
    updated: 'Обновлено',
    paused: 'Обновление в реальном времени приостановлено; скоро повторим попытку.',
    feedTitle: 'Изменения',
    languages: 'Языки',
    utc: '{{time}} UTC',
  },
  meeting: {
    description: '{{dates}} · {{form}}. Повестка дня, предложения, решения и меры совещания.',
    onThisPage: 'На этой странице',
    agenda: 'Повестка дня',
    proposals: 'Предложения',
    decisions: 'Решения',
    documents: 'Документы',
    groups: 'Рабочие группы',
    actions: 'Меры',
    versions: 'Версии',
    moderation: 'Журнал модерации',
    takePart: 'Принять участие',
    feed: 'Лента изменений в формате Atom',
    agendaNotPublished: 'Повестка дня ещё не опубликована.',
    timesIn: 'Время указано по часовому поясу: {{zone}} ({{id}}).',
    noProposals: 'Предложений нет.',
    closedPolls: 'Закрытые голосования',
    noPollClosed: 'Пока ни одно голосование не закрыто.',
    statusChanges: 'Изменения статуса предложений',
    noStatusChange: 'Статус предложений пока не менялся.',
    cofacilitators: 'сокоординаторы: {{names}}',
    noGroups: 'Рабочих групп нет.',
    noActions: 'Записанных мер нет.',
    versionsHeading: 'Версии повестки дня',
    noVersion: 'Именованных версий пока нет.',
    pack: 'Материалы совещания: {{html}} · {{md}} · {{docx}}',
    packHtml: 'веб-страница',
    noModeration: 'Модерация пока не проводилась.',
    hidden: '{{day}}: комментарий скрыт',
  },
  proposal: {
    openForComment: 'открыто для публичных комментариев',
    comments: 'Комментарии',
    noComments: 'Комментариев пока нет.',
    hiddenByModerator: 'скрыто модератором',
    someone: 'кто-то',
    kinds: { PN: 'Сеть по вопросам политики', BPF: 'Форум по передовой практике', other: 'Другое' },
  },
  poll: {
    secret: 'Тайное голосование: только итоги',
    named: 'Поимённое голосование',
    ballots: {
      one: '{{count}} бюллетень',
      few: '{{count}} бюллетеня',
      many: '{{count}} бюллетеней',
      other: '{{count}} бюллетеня',
    },
    closed: 'закрыто {{time}}',
    results: 'Результаты: {{question}}',
    option: 'Вариант',
    votes: 'Голоса',
    elected: '(избран(а))',
    mostVotes: '(больше всего голосов)',
    description: 'Результаты голосования «{{question}}» ({{ballots}}).',
  },
  documents: {
    none: 'Прикреплённых документов нет.',
    caption: 'Документы, прикреплённые к совещанию, пунктам его повестки дня и предложениям',
    document: 'Документ',
    attachedTo: 'Относится к',
    size: 'Размер',
    added: 'Дата добавления',
    version: '(версия {{n}})',
    item: 'Пункт {{number}}. {{title}}',
    proposal: 'Предложение {{title}}',
    meeting: 'Совещание',
  },
  decision: {
    takenOn: 'Принято на основе {{version}}.',
    takenBeforeVersions: 'Принято до появления именованных версий повестки дня.',
    agendaVersion: 'версии повестки дня «{{name}}»',
  },
  version: {
    title: '{{meeting}}: версия повестки дня «{{name}}»',
    description: 'Повестка дня в том виде, в каком она сохранена в именованной версии «{{name}}». SHA-256 {{digest}}.',
    heading: 'Версия повестки дня «{{name}}»',
    saved: 'Сохранена {{time}}. На этой странице всегда отображается именно эта версия.',
    digest: 'SHA-256 экспортированного содержимого ({{markdown}})',
    check:
      'Чтобы проверить цитату, скачайте файл Markdown и сравните его SHA-256 (например, с помощью {{command}}) с приведённым выше значением хеша.',
  },
  registration: {
    heading: 'Регистрация на это совещание',
    intro:
      'Следить за этим совещанием может любой желающий. Чтобы комментировать предложения, открытые для публичных комментариев, и участвовать в голосованиях, открытых для всех, зарегистрируйтесь в качестве наблюдателя.',
    link: 'Зарегистрироваться на это совещание',
    closed: 'Регистрация на это совещание закрыта.',
    archived: 'Это совещание перенесено в архив: регистрация закрыта.',
    title: 'Регистрация: {{title}}',
    description: 'Зарегистрируйтесь для участия: {{title}}.',
    name: 'Имя',
    email: 'Электронная почта',
    group: 'Группа заинтересованных сторон',
    choose: 'Выберите…',
    country: 'Страна',
    affiliation: 'Организация',
    optional: '{{field}} (необязательно)',
    trap: 'Веб-сайт (оставьте пустым)',
    submit: 'Зарегистрироваться',
    pending:
      'Благодарим вас. Мы отправили вам письмо: перейдите по ссылке в нём, чтобы подтвердить регистрацию и выбрать пароль.',
    sentTitle: 'Вы зарегистрированы: {{title}}',
    sentHeading: 'Проверьте электронную почту',
    errors: {
      formToken: 'Не удалось проверить форму; обновите страницу и повторите попытку.',
      tooFast: 'Форма отправлена слишком быстро; проверьте её и отправьте ещё раз.',
      expired: 'Срок действия формы истёк; обновите страницу и повторите попытку.',
      notAccepted: 'Не удалось принять форму.',
      email: 'Адрес электронной почты недействителен.',
      name: 'Не указано имя.',
      country: 'Не указана страна.',
      invalid: 'Проверьте форму и отправьте её ещё раз.',
      rateLimited: 'Слишком много регистраций с этого почтового домена; повторите попытку через минуту.',
      group: 'Выберите группу заинтересованных сторон.',
      tooLong: 'Слишком длинный текст: не более {{max}} символов.',
      summary: 'Ваша регистрация не отправлена',
      item: '{{field}}: {{message}}',
      retryIn: {
        one: 'Слишком много попыток с вашего подключения. Подождите {{count}} секунду и отправьте форму ещё раз.',
        few: 'Слишком много попыток с вашего подключения. Подождите {{count}} секунды и отправьте форму ещё раз.',
        many: 'Слишком много попыток с вашего подключения. Подождите {{count}} секунд и отправьте форму ещё раз.',
        other: 'Слишком много попыток с вашего подключения. Подождите {{count}} секунды и отправьте форму ещё раз.',
      },
    },
  },
  feed: {
    newProposal: 'Новое предложение: {{title}}',
    proposalSummary: 'Предложение «{{title}}». Вид: {{kind}}. Статус: {{status}}.',
    pollClosed: 'Голосование закрыто: {{question}}',
    statusTitle: '{{title}}: {{status}}',
    statusSummary: 'Текущий статус предложения «{{title}}»: {{status}}.',
    versionTitle: 'Версия повестки дня: {{name}}',
    versionSummary: 'Именованная версия повестки дня «{{name}}».',
    takenOn: ' Принято на основе версии повестки дня «{{name}}».',
    related: 'Версия повестки дня',
  },
};

const zh: PublicText = {
  layout: {
    skip: '跳到主要内容',
    footer: '由 Plenary 根据看板记录发布。任何人均可阅读和引用本页。',
    updated: '更新于',
    paused: '实时更新已暂停，稍后将自动重试。',
    feedTitle: '更改',
    languages: '语言',
    utc: '{{time}} UTC',
  },
  meeting: {
    description: '{{dates}} · {{form}}。会议的议程、提案、决定和行动事项。',
    onThisPage: '本页内容',
    agenda: '议程',
    proposals: '提案',
    decisions: '决定',
    documents: '文件',
    groups: '工作组',
    actions: '行动事项',
    versions: '版本',
    moderation: '审核日志',
    takePart: '参与',
    feed: '更改的 Atom 订阅源',
    agendaNotPublished: '议程尚未公布。',
    timesIn: '时间均按以下时区显示：{{zone}}（{{id}}）。',
    noProposals: '没有提案。',
    closedPolls: '已结束的表决',
    noPollClosed: '尚无已结束的表决。',
    statusChanges: '提案状态的变更',
    noStatusChange: '尚无提案的状态发生变更。',
    cofacilitators: '共同协调人：{{names}}',
    noGroups: '没有工作组。',
    noActions: '没有记录任何行动事项。',
    versionsHeading: '议程版本',
    noVersion: '尚无已命名的版本。',
    pack: '会议材料：{{html}} · {{md}} · {{docx}}',
    packHtml: '网页',
    noModeration: '目前尚无审核记录。',
    hidden: '{{day}}：评论已隐藏',
  },
  proposal: {
    openForComment: '公开征求意见',
    comments: '评论',
    noComments: '尚无评论。',
    hiddenByModerator: '已被审核员隐藏',
    someone: '某人',
    kinds: { PN: '政策网络', BPF: '最佳做法论坛', other: '其他' },
  },
  poll: {
    secret: '无记名投票：仅显示总数',
    named: '记名表决',
    ballots: { other: '{{count}} 张选票' },
    closed: '结束于 {{time}}',
    results: '结果：{{question}}',
    option: '选项',
    votes: '票数',
    elected: '（当选）',
    mostVotes: '（得票最多）',
    description: '表决“{{question}}”的结果（{{ballots}}）。',
  },
  documents: {
    none: '未附任何文件。',
    caption: '会议及其议程项目和提案所附的文件',
    document: '文件',
    attachedTo: '附于',
    size: '大小',
    added: '添加日期',
    version: '（第 {{n}} 版）',
    item: '项目 {{number}}. {{title}}',
    proposal: '提案 {{title}}',
    meeting: '会议',
  },
  decision: {
    takenOn: '依据{{version}}作出。',
    takenBeforeVersions: '在议程有任何已命名版本之前作出。',
    agendaVersion: '议程版本“{{name}}”',
  },
  version: {
    title: '{{meeting}}：议程版本“{{name}}”',
    description: '已命名版本“{{name}}”中的议程。SHA-256 {{digest}}。',
    heading: '议程版本“{{name}}”',
    saved: '保存于 {{time}}。本页始终只显示这一版本。',
    digest: '导出内容的 SHA-256（{{markdown}}）',
    check: '核对引文的方法：下载 Markdown 文件，将其 SHA-256（例如用 {{command}} 计算）与上方的哈希值进行比较。',
  },
  registration: {
    heading: '报名参加本次会议',
    intro: '任何人都可以关注本次会议。如需对公开征求意见的提案发表评论，并参加向所有人开放的表决，请报名成为观察员。',
    link: '报名参加本次会议',
    closed: '本次会议的报名已截止。',
    archived: '本次会议已归档，报名已截止。',
    title: '报名：{{title}}',
    description: '报名参加{{title}}。',
    name: '姓名',
    email: '电子邮件',
    group: '利益攸关方群体',
    choose: '请选择…',
    country: '国家',
    affiliation: '所属单位',
    optional: '{{field}}（可选）',
    trap: '网站（请留空）',
    submit: '报名',
    pending: '谢谢。我们已向您发送一封电子邮件：请打开邮件中的链接，确认报名并设置密码。',
    sentTitle: '已报名：{{title}}',
    sentHeading: '请查收电子邮件',
    errors: {
      formToken: '无法核验表格；请重新加载页面后重试。',
      tooFast: '提交过快；请检查表格后重新提交。',
      expired: '表格已过期；请重新加载页面后重试。',
      notAccepted: '无法接受该表格。',
      email: '电子邮件地址无效。',
      name: '未填写姓名。',
      country: '未填写国家。',
      invalid: '请检查表格后重新提交。',
      rateLimited: '来自该电子邮件域名的报名过多；请一分钟后重试。',
      group: '请选择一个利益攸关方群体。',
      tooLong: '内容过长：最多 {{max}} 个字符。',
      summary: '您的报名未能提交',
      item: '{{field}}：{{message}}',
      retryIn: {
        other: '您的网络连接尝试次数过多。请等待 {{count}} 秒后再次提交表单。',
      },
    },
  },
  feed: {
    newProposal: '新提案：{{title}}',
    proposalSummary: '{{kind}}提案“{{title}}”（{{status}}）。',
    pollClosed: '表决已结束：{{question}}',
    statusTitle: '{{title}}：{{status}}',
    statusSummary: '“{{title}}”的状态现为“{{status}}”。',
    versionTitle: '议程版本：{{name}}',
    versionSummary: '议程的已命名版本“{{name}}”。',
    takenOn: '依据议程版本“{{name}}”作出。',
    related: '议程版本',
  },
};

const ar: PublicText = {
  layout: {
    skip: 'الانتقال إلى المحتوى الرئيسي',
    footer: 'نشره نظام Plenary انطلاقاً من سجل اللوحة. يجوز لأي شخص قراءة هذه الصفحة والاستشهاد بها.',
    updated: 'حُدّثت في',
    paused: 'التحديثات المباشرة متوقفة مؤقتًا؛ ستُعاد المحاولة قريبًا.',
    feedTitle: 'التغييرات',
    languages: 'اللغات',
    utc: '{{time}} UTC',
  },
  meeting: {
    description: '{{dates}} · {{form}}. جدول الأعمال والمقترحات والقرارات والإجراءات المطلوبة في الاجتماع.',
    onThisPage: 'في هذه الصفحة',
    agenda: 'جدول الأعمال',
    proposals: 'المقترحات',
    decisions: 'القرارات',
    documents: 'الوثائق',
    groups: 'الأفرقة العاملة',
    actions: 'الإجراءات المطلوبة',
    versions: 'الإصدارات',
    moderation: 'سجل الإشراف',
    takePart: 'المشاركة',
    feed: 'موجز Atom للتغييرات',
    agendaNotPublished: 'لم يُنشر جدول الأعمال بعد.',
    timesIn: 'الأوقات مبيّنة حسب المنطقة الزمنية: {{zone}} ({{id}}).',
    noProposals: 'لا توجد مقترحات.',
    closedPolls: 'عمليات التصويت المغلقة',
    noPollClosed: 'لم يُغلق أي تصويت بعد.',
    statusChanges: 'تغييرات حالة المقترحات',
    noStatusChange: 'لم تتغير حالة أي مقترح بعد.',
    cofacilitators: 'الميسرون المشاركون: {{names}}',
    noGroups: 'لا توجد أفرقة عاملة.',
    noActions: 'لم يُسجَّل أي إجراء.',
    versionsHeading: 'إصدارات جدول الأعمال',
    noVersion: 'لا يوجد إصدار مسمّى بعد.',
    pack: 'وثائق الاجتماع: {{html}} · {{md}} · {{docx}}',
    packHtml: 'صفحة ويب',
    noModeration: 'لا يوجد شيء في سجل الإشراف حتى الآن.',
    hidden: '{{day}}: أُخفي تعليق',
  },
  proposal: {
    openForComment: 'مفتوح للتعليق العام',
    comments: 'التعليقات',
    noComments: 'لا توجد تعليقات بعد.',
    hiddenByModerator: 'أخفاه المشرف',
    someone: 'شخص ما',
    kinds: { PN: 'شبكة السياسات', BPF: 'منتدى أفضل الممارسات', other: 'غير ذلك' },
  },
  poll: {
    secret: 'اقتراع سري: المجاميع فقط',
    named: 'تصويت بالأسماء',
    ballots: {
      zero: '{{count}} بطاقة اقتراع',
      one: '{{count}} بطاقة اقتراع',
      two: '{{count}} بطاقتا اقتراع',
      few: '{{count}} بطاقات اقتراع',
      many: '{{count}} بطاقة اقتراع',
      other: '{{count}} بطاقة اقتراع',
    },
    closed: 'أُغلق في {{time}}',
    results: 'النتائج: {{question}}',
    option: 'الخيار',
    votes: 'الأصوات',
    elected: '(منتخب)',
    mostVotes: '(أكثر الأصوات)',
    description: 'نتائج التصويت «{{question}}» ({{ballots}}).',
  },
  documents: {
    none: 'لا توجد وثائق مرفقة.',
    caption: 'الوثائق المرفقة بالاجتماع وبنود جدول أعماله ومقترحاته',
    document: 'الوثيقة',
    attachedTo: 'مرفقة بـ',
    size: 'الحجم',
    added: 'تاريخ الإضافة',
    version: '(النسخة {{n}})',
    item: 'البند {{number}}. {{title}}',
    proposal: 'المقترح {{title}}',
    meeting: 'الاجتماع',
  },
  decision: {
    takenOn: 'اتُّخذ استناداً إلى {{version}}.',
    takenBeforeVersions: 'اتُّخذ قبل وجود أي إصدار مسمّى لجدول الأعمال.',
    agendaVersion: 'إصدار جدول الأعمال «{{name}}»',
  },
  version: {
    title: '{{meeting}}: إصدار جدول الأعمال «{{name}}»',
    description: 'جدول الأعمال كما كان في الإصدار المسمّى «{{name}}». SHA-256 {{digest}}.',
    heading: 'إصدار جدول الأعمال «{{name}}»',
    saved: 'حُفظ في {{time}}. تعرض هذه الصفحة دائماً هذا الإصدار بعينه.',
    digest: 'قيمة التجزئة SHA-256 للمحتوى المُصدَّر ({{markdown}})',
    check:
      'للتحقق من اقتباس: نزّل ملف Markdown وقارن قيمة SHA-256 الخاصة به (باستخدام {{command}} مثلاً) بقيمة التجزئة الواردة أعلاه.',
  },
  registration: {
    heading: 'التسجيل لهذا الاجتماع',
    intro:
      'يمكن لأي شخص متابعة هذا الاجتماع. وللتعليق على المقترحات المفتوحة للتعليق العام والتصويت في عمليات التصويت المفتوحة للجميع، سجّل بصفة مراقب.',
    link: 'التسجيل لهذا الاجتماع',
    closed: 'التسجيل لهذا الاجتماع مغلق.',
    archived: 'هذا الاجتماع مؤرشف: التسجيل مغلق.',
    title: 'التسجيل: {{title}}',
    description: 'سجّل للمشاركة في {{title}}.',
    name: 'الاسم',
    email: 'البريد الإلكتروني',
    group: 'فئة أصحاب المصلحة',
    choose: 'اختر…',
    country: 'البلد',
    affiliation: 'جهة الانتساب',
    optional: '{{field}} (اختياري)',
    trap: 'الموقع الشبكي (اتركه فارغاً)',
    submit: 'تسجيل',
    pending: 'شكراً لك. أرسلنا إليك رسالة بالبريد الإلكتروني: افتح الرابط الوارد فيها لتأكيد تسجيلك واختيار كلمة مرور.',
    sentTitle: 'تم التسجيل: {{title}}',
    sentHeading: 'تحقق من بريدك الإلكتروني',
    errors: {
      formToken: 'تعذّر التحقق من الاستمارة؛ أعد تحميل الصفحة وحاول مرة أخرى.',
      tooFast: 'أُرسلت الاستمارة بسرعة كبيرة؛ يرجى مراجعتها وإرسالها مرة أخرى.',
      expired: 'انتهت صلاحية الاستمارة؛ أعد تحميل الصفحة وحاول مرة أخرى.',
      notAccepted: 'تعذّر قبول الاستمارة.',
      email: 'عنوان البريد الإلكتروني غير صالح.',
      name: 'حقل الاسم فارغ.',
      country: 'حقل البلد فارغ.',
      invalid: 'يرجى مراجعة الاستمارة وإرسالها مرة أخرى.',
      rateLimited: 'وردت تسجيلات كثيرة جداً من نطاق البريد الإلكتروني هذا؛ حاول مرة أخرى بعد دقيقة.',
      group: 'اختر فئة من فئات أصحاب المصلحة.',
      tooLong: 'النص طويل جداً: {{max}} حرفاً على الأكثر.',
      summary: 'لم يُرسَل تسجيلك',
      item: '{{field}}: {{message}}',
      retryIn: {
        zero: 'محاولات كثيرة جداً من اتصالك. انتظر {{count}} ثانية، ثم أرسل النموذج مرة أخرى.',
        one: 'محاولات كثيرة جداً من اتصالك. انتظر {{count}} ثانية، ثم أرسل النموذج مرة أخرى.',
        two: 'محاولات كثيرة جداً من اتصالك. انتظر {{count}} ثانيتين، ثم أرسل النموذج مرة أخرى.',
        few: 'محاولات كثيرة جداً من اتصالك. انتظر {{count}} ثوانٍ، ثم أرسل النموذج مرة أخرى.',
        many: 'محاولات كثيرة جداً من اتصالك. انتظر {{count}} ثانية، ثم أرسل النموذج مرة أخرى.',
        other: 'محاولات كثيرة جداً من اتصالك. انتظر {{count}} ثانية، ثم أرسل النموذج مرة أخرى.',
      },
    },
  },
  feed: {
    newProposal: 'مقترح جديد: {{title}}',
    proposalSummary: 'مقترح «{{title}}». النوع: {{kind}}. الحالة: {{status}}.',
    pollClosed: 'تصويت مغلق: {{question}}',
    statusTitle: '{{title}}: {{status}}',
    statusSummary: 'أصبحت حالة «{{title}}» الآن «{{status}}».',
    versionTitle: 'إصدار جدول الأعمال: {{name}}',
    versionSummary: 'إصدار مسمّى لجدول الأعمال: «{{name}}».',
    takenOn: ' اتُّخذ استناداً إلى إصدار جدول الأعمال «{{name}}».',
    related: 'إصدار جدول الأعمال',
  },
};

export const PUBLIC_TEXT: Record<Language, PublicText> = { en, fr, es, ru, zh, ar };

/** Intl's formatters for one language, made once: a page says dozens of dates and counts, and each is rendered anew per request (its ETag is of the body). */
interface Formats {
  day: Intl.DateTimeFormat;
  moment: Intl.DateTimeFormat;
}

const formatsByLanguage = new Map<Language, Formats>();

function formatsOf(language: Language): Formats {
  let formats = formatsByLanguage.get(language);
  if (!formats) {
    const locale = intlLocale(language);
    // In UTC: the pages are cached and shared, so not in a reader's time zone.
    formats = {
      day: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
      moment: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
    };
    formatsByLanguage.set(language, formats);
  }
  return formats;
}

/** The language a public page is said in, with what saying it takes. */
export interface Words {
  language: Language;
  text: PublicText;
  /** The words for the store's values (statuses), shared with the server's other catalogues. */
  store: StoreWords;
  /** For Intl (English dates the British way, as the rest of the board). */
  locale: string;
  formats: Formats;
  /** `?lang=xx` when the reader chose the language in the address (links keep it), else ''. */
  query: string;
}

export function wordsFor(language: Language, chosen: boolean): Words {
  return {
    language,
    text: PUBLIC_TEXT[language],
    store: STORE_WORDS[language],
    locale: intlLocale(language),
    formats: formatsOf(language),
    query: chosen ? `?lang=${language}` : '',
  };
}

/** "3 ballots" in the plural form the language uses for that count. */
export const countOf = (words: Words, plural: Plural, count: number): string => counted(words.language, plural, count);

/** A day, in UTC. */
export const dayOf = (words: Words, at: number): string => words.formats.day.format(at);

/** A moment, in UTC, said so. */
export const momentOf = (words: Words, at: number): string =>
  fill(words.text.layout.utc, { time: words.formats.moment.format(at) });

/** A proposal's kind in words; a kind the catalogue does not know is shown as stored. */
export const kindOf = (words: Words, kind: string): string =>
  Object.hasOwn(words.text.proposal.kinds, kind)
    ? words.text.proposal.kinds[kind as keyof PublicText['proposal']['kinds']]
    : kind;
