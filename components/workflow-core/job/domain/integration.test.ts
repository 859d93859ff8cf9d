/** trigger-integration's reading of the advise's metadata, and the callback files of send-webhooks. */
import { readIntegration } from './integration.js';
import { readWebhook, webhookBody } from './webhook.js';

describe('the integration an advise came from', () => {
  test('Kebechet: its origin and the git service its host names, self-hosted GitLab included', () => {
    expect(readIntegration({ source_type: 'KEBECHET', origin: 'https://github.com/thoth-station/s2i' }).integration).toEqual({
      sourceType: 'KEBECHET',
      origin: 'https://github.com/thoth-station/s2i',
      gitService: 'github',
    });
    // The reference took the second-to-last label: "redhat".
    expect(readIntegration({ source_type: 'KEBECHET', origin: 'https://gitlab.cee.redhat.com/a/b' }).integration.gitService).toBe('gitlab');
  });

  test('another integration: its source type alone; none: nothing', () => {
    expect(readIntegration({ source_type: 'CLI', origin: 'https://example.com' })).toEqual({
      integration: { sourceType: 'CLI', origin: '', gitService: '' },
      problems: [],
    });
    expect(readIntegration({})).toEqual({ integration: { sourceType: '', origin: '', gitService: '' }, problems: [] });
    expect(readIntegration(null).problems).toEqual([]);
  });

  test("a source type that is none of the adviser's is not written: it would be spliced into a `when` expression", () => {
    const injected = readIntegration({ source_type: "KEBECHET' || '1' == '1", origin: 'https://github.com/a/b' });
    expect(injected.integration).toEqual({ sourceType: '', origin: '', gitService: '' });
    expect(injected.problems[0]).toContain('is none of CLI, KEBECHET, S2I, GITHUB_APP, JUPYTER_NOTEBOOK');
  });

  test('a Kebechet advise without an http(s) origin, or on an unknown service, keeps what it can and says why', () => {
    expect(readIntegration({ source_type: 'KEBECHET' })).toEqual({
      integration: { sourceType: 'KEBECHET', origin: '', gitService: '' },
      problems: ['origin undefined is not an http(s) URL'],
    });
    expect(readIntegration({ source_type: 'KEBECHET', origin: 'file:///etc/passwd' }).integration.origin).toBe('');
    expect(readIntegration({ source_type: 'KEBECHET', origin: 'https://git.example.com/a/b' })).toEqual({
      integration: { sourceType: 'KEBECHET', origin: 'https://git.example.com/a/b', gitService: '' },
      problems: ["origin's host git.example.com names none of github, gitlab, pagure"],
    });
  });
});

describe('a callback file of the user API', () => {
  test("read under the user API's key (callbackurl), or the reference task's (callback_url)", () => {
    const entry = { callbackurl: 'https://client.example.com/hook?token=x', Authorization: 'Basic abc', client_data: { some: ['json'] } };
    expect(readWebhook('f', entry)).toEqual({ url: new URL(entry.callbackurl), authorization: 'Basic abc', clientData: { some: ['json'] } });
    expect(readWebhook('f', { callback_url: 'http://client/hook', Authorization: null }).authorization).toBeUndefined();
  });

  test('what the webhook receives: the analysis id and the client data as the client gave them', () => {
    expect(JSON.parse(webhookBody('adviser-1', readWebhook('f', { callbackurl: 'https://c/h', client_data: { a: { b: 1 } } })))).toEqual({
      document_id: 'adviser-1',
      client_data: { a: { b: 1 } },
    });
  });

  test('a callback without an http(s) URL is an error naming the file and key', () => {
    expect(() => readWebhook('f', { callbackurl: 'ftp://x' })).toThrow('f: callbackurl is "ftp://x"; expected an http(s) URL');
    expect(() => readWebhook('f', {})).toThrow('f: callback_url is missing; expected a non-empty string');
  });
});
