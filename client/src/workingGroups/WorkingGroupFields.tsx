/** A working group's name and description: the create and the edit forms share them (and their checks). */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { WORKING_GROUP_LIMITS } from '../../../shared/constants/workingGroups.ts';
import { Field } from '../ui/Field.tsx';
import { nameLimit, nameMaxLength } from '../ui/nameLimit.ts';
import type { FieldErrors } from '../ui/useFieldErrors.ts';

export const WORKING_GROUP_FIELDS = ['name', 'description'] as const;
export type WorkingGroupField = (typeof WORKING_GROUP_FIELDS)[number];

/** What a wrong name is, in the person's words (a name is required; the server refuses duplicates itself). */
export const nameMissing = (t: TFunction) => t('form.required', { field: t('workingGroups.admin.name') });

export function WorkingGroupFields({
  name,
  description,
  onName,
  onDescription,
  errors,
}: {
  name: string;
  description: string;
  onName: (name: string) => void;
  onDescription: (description: string) => void;
  errors: FieldErrors<WorkingGroupField>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('workingGroups.admin.name')} {...errors.field('name')} limit={nameLimit(name, WORKING_GROUP_LIMITS.name)}>
        {(control) => (
          <input
            {...control}
            required
            maxLength={nameMaxLength(WORKING_GROUP_LIMITS.name)}
            value={name}
            onChange={(event) => onName(event.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('workingGroups.admin.description')}
        hint={t('workingGroups.admin.descriptionHint')}
        {...errors.field('description')}
        limit={{ length: description.length, max: WORKING_GROUP_LIMITS.description }}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={WORKING_GROUP_LIMITS.description}
            value={description}
            onChange={(event) => onDescription(event.target.value)}
          />
        )}
      </Field>
    </>
  );
}
