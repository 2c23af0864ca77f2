import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

/**
 * A value of the `options` collection. A fixed value is read straight from the node, since asking
 * n8n's expression engine for it costs more than the rest of an item's work; an expression is
 * resolved for the item as usual.
 */
export function optionValue<T>(context: IExecuteSingleFunctions, name: string, fallback: T): T {
	const raw = (context.getNode().parameters.options as IDataObject | undefined)?.[name];
	if (raw === undefined) return fallback;
	if (typeof raw === 'string' && raw.startsWith('=')) {
		return context.getNodeParameter(`options.${name}`, fallback) as T;
	}
	return raw as T;
}

export function defaultCountry(context: IExecuteSingleFunctions): string {
	const value = optionValue<unknown>(context, 'defaultCountry', '');
	return typeof value === 'string' ? value : '';
}
