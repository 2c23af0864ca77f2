import type { INodeProperties } from 'n8n-workflow';

/**
 * What makes a webhook token unusable: the pattern of a token each rule refuses, and why. The
 * credential's Test and the trigger's activation give the reason; the credential form shows it as
 * the token is typed, since n8n's editor shows a failed Test as "Couldn't connect with these
 * settings" and keeps the Test's message under More details.
 */
export const WEBHOOK_TOKEN_RULES = [
	{
		refuses: '^.{1,15}$',
		problem: 'The token is shorter than 16 characters: choose a longer one',
	},
	{
		refuses: '[^A-Za-z0-9._~-]',
		problem:
			'The token may hold only letters, digits and - . _ ~, so that it travels unchanged in the URL',
	},
] as const;

/**
 * A notice under the token field for each rule it breaks, shown while it breaks it. A saved token
 * comes back to the form as n8n's blank placeholder, which breaks none.
 */
export function webhookTokenNotices(field: string): INodeProperties[] {
	return WEBHOOK_TOKEN_RULES.map(({ refuses, problem }, index) => ({
		displayName: problem,
		name: `${field}Problem${index + 1}`,
		type: 'notice',
		default: '',
		displayOptions: { show: { [field]: [{ _cnd: { regex: refuses } }] } },
	}));
}
