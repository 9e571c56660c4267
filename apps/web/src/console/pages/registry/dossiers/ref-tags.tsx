import { Flex } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { RegisterKind } from '../shared/registers.ts';
import type { TRef } from '../shared/types.ts';
import { RefTag } from './ref-tag.tsx';

/** The references of one kind as link tags, or "none"; the code follows a label that lacks it. */
export function RefTags({ kind, refs }: { kind: RegisterKind; refs: readonly TRef[] }) {
  const t = useT();
  if (refs.length === 0) return <>{t('dossier.none')}</>;
  return (
    <Flex wrap>
      {refs.map((ref) => (
        <RefTag
          key={ref.id}
          kind={kind}
          id={ref.id}
          label={ref.label}
          note={ref.label.includes(ref.code) ? null : ref.code}
        />
      ))}
    </Flex>
  );
}
