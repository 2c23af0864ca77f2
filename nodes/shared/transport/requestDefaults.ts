import type { INodeTypeDescription } from 'n8n-workflow';

/**
 * What every request of the three nodes shares. Failed answers come back as answers
 * (`ignoreHttpStatusErrors`) so that a hook can report them in the API's own words. Redirects are
 * not followed: n8n would send the key along to whatever host the answer names, so a redirect is
 * reported as a failure instead. The Base URL is the credential's, set by the delivery hook
 * (delivery.ts), which every operation's request goes through.
 */
export const jsonApiRequestDefaults: INodeTypeDescription['requestDefaults'] = {
	headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
	json: true,
	ignoreHttpStatusErrors: true,
	disableFollowRedirect: true,
};
