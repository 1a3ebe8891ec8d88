import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('dispatches events with type, data and id, ignoring heartbeat comments', () => {
    const parser = new SseParser();
    const events = parser.push(': heartbeat\n\nid: 7\nevent: ready\ndata: {"a":1}\n\nevent: delta\ndata: hi\n\n');
    expect(events).toEqual([
      { id: '7', event: 'ready', data: '{"a":1}' },
      { id: '7', event: 'delta', data: 'hi' },
    ]);
  });

  it('joins multi-line data and defaults the type to message', () => {
    expect(new SseParser().push('data: one\ndata:two\n\n')).toEqual([{ id: null, event: 'message', data: 'one\ntwo' }]);
  });

  it('copes with any chunking, CRLF split across chunks included', () => {
    const text = 'id: 12\r\nevent: handoff_claimed\r\ndata: {"x":true}\r\n\r\n';
    const parser = new SseParser();
    const events = [];
    for (const char of text) events.push(...parser.push(char));
    expect(events).toEqual([{ id: '12', event: 'handoff_claimed', data: '{"x":true}' }]);
  });

  it('holds an unfinished event until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('event: delta\ndata: par')).toEqual([]);
    expect(parser.push('tial\n\n')).toEqual([{ id: null, event: 'delta', data: 'partial' }]);
  });
});
