/** Changing a person's name, role, group, region, affiliation and language, in a modal dialog. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedUser } from '../../../shared/schemas/users.ts';
import { CheckboxField } from '../ui/Field.tsx';
import { PersonForm } from './PersonForm.tsx';
import { changePerson } from './peopleApi.ts';

export function EditPersonDialog({
  person,
  own,
  onSaved,
  onClose,
}: {
  person: ManagedUser;
  own: boolean;
  onSaved: (person: ManagedUser) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  // A public registrant reads only the public meetings until this is unticked or their role changes.
  const [publicOnly, setPublicOnly] = useState(person.publicOnly);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.current?.open) dialog.current?.showModal();
    return () => opener?.focus();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="people__dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>{t('people.edit.title', { name: person.name })}</h2>
      <PersonForm
        withEmail={false}
        roleLocked={own}
        afterRole={
          person.publicOnly ? (
            <CheckboxField label={t('people.edit.publicOnly')} checked={publicOnly} onChange={setPublicOnly} />
          ) : null
        }
        initial={{
          email: person.email,
          name: person.name,
          role: person.role,
          group: person.group,
          region: person.region ?? '',
          affiliation: person.affiliation ?? '',
          language: person.language ?? '',
        }}
        submitLabel={t('people.edit.save')}
        busyLabel={t('people.edit.save')}
        failed={(message) => t('people.edit.failed', { message })}
        onSubmit={async (values) => {
          const saved = await changePerson(person.id, {
            name: values.name.trim(),
            ...(own ? {} : { role: values.role }),
            group: values.group,
            region: values.region.trim() || null,
            affiliation: values.affiliation.trim() || null,
            ...(values.language ? { language: values.language } : {}),
            ...(person.publicOnly && !publicOnly ? { publicOnly: false as const } : {}),
          });
          onSaved(saved);
        }}
      >
        <button type="button" className="button" onClick={onClose}>
          {t('people.edit.cancel')}
        </button>
      </PersonForm>
    </dialog>
  );
}
