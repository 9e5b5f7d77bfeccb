/** The history of the request: one item per event, with the organisation's message where it wrote one. */
import { formatDateTime } from '../shared/dates.ts';
import { messageBlock } from './message-block.ts';
import type { Status } from './types.ts';

export function renderTimeline(list: HTMLElement, timeline: Status['timeline'], locale: string, messageLabel: string): void {
  list.replaceChildren(
    ...timeline.map((e) => {
      const li = document.createElement('li');
      const time = document.createElement('time');
      time.dateTime = e.at;
      time.textContent = formatDateTime(locale, e.at);
      li.append(time, e.text);
      if (e.message) li.append(messageBlock(messageLabel, e.message));
      return li;
    }),
  );
}
