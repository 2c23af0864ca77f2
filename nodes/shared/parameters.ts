import type { IExecuteSingleFunctions } from 'n8n-workflow';

export function defaultCountry(context: IExecuteSingleFunctions): string {
	const value = context.getNodeParameter('options.defaultCountry', '');
	return typeof value === 'string' ? value : '';
}
