// Everything that happened to the case, oldest first, in the words the server gives in both languages:
// who did what, and where it went.
import type { CaseStatus } from '@civgrid/domain';
import { Timeline, Typography } from 'antd';
import { formatTime } from '../../../../lib/time.ts';
import type { TTimelineEntry } from '../shared/cases.ts';
import { useMessage } from '../shared/use-message.ts';

const COLOURS: Partial<Record<CaseStatus, string>> = {
  resolved: 'green',
  'closed-unfixed': 'gray',
  declined: 'gray',
  escalated: 'red',
  reopened: 'red',
  returned: 'red',
};

export function CaseTimeline({ entries }: { entries: readonly TTimelineEntry[] }) {
  const message = useMessage();
  return (
    <Timeline
      data-testid="case-timeline"
      items={entries.map((entry, index) => ({
        key: `${entry.at}-${index}`,
        color: COLOURS[entry.to] ?? 'blue',
        content: (
          <div data-step={entry.step}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(entry.at)}
              {entry.actor.name ? ` · ${entry.actor.name}` : ''}
            </Typography.Text>
            <div>{message(entry.text)}</div>
          </div>
        ),
      }))}
    />
  );
}
