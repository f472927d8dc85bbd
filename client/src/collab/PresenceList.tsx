/** The list of who is here now. */
import { useTranslation } from 'react-i18next';
import type { Present } from './usePresence.ts';

export function PresenceList({ people, selfId }: { people: Present[]; selfId: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="panel__title">
        {t('presence.title')} <span className="panel__count">({t('presence.count', { count: people.length })})</span>
      </h2>
      <ul className="presence__list">
        {people.map((person) => (
          <li key={person.id} className="presence__person" data-user-id={person.id}>
            <span className="presence__swatch" style={{ backgroundColor: person.color }} aria-hidden="true" />
            <span>{person.id === selfId ? t('presence.you', { name: person.name }) : person.name}</span>
            <span className="presence__role">{t(`roles.${person.role}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
