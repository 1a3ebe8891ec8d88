import { slackPayload, teamsPayload } from './chat-messages.js';

const message = {
  title: 'Escalation from Jo <Junior>',
  lines: ['Reason: printer & scanner offline'],
  action: { label: 'Pick up', url: 'https://app.example.test/pilot/1?pickup=true' },
};

describe('chat message formats', () => {
  it('renders Slack blocks with escaped text and a link button', () => {
    const payload = slackPayload(message) as { text: string; blocks: any[] };
    expect(payload.text).toBe('Escalation from Jo <Junior>');
    expect(payload.blocks[0].text.text).toBe('*Escalation from Jo &lt;Junior&gt;*');
    expect(payload.blocks[1].text.text).toBe('Reason: printer &amp; scanner offline');
    expect(payload.blocks[2].elements[0]).toMatchObject({ type: 'button', url: message.action.url });
  });

  it('renders a Teams Adaptive Card with an open-URL action', () => {
    const payload = teamsPayload(message) as { attachments: any[] };
    const card = payload.attachments[0].content;
    expect(payload.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.body[0].text).toBe('Escalation from Jo <Junior>');
    expect(card.actions[0]).toEqual({ type: 'Action.OpenUrl', title: 'Pick up', url: message.action.url });
  });
});
