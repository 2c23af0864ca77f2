import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
} from 'n8n-workflow';

/** The fields the editor shows for these parameters, the others at their defaults. */
export function visibleProperties(
	nodeType: INodeType,
	parameters: INodeParameters,
): INodeProperties[] {
	const { description } = nodeType;
	const withDefaults =
		NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			null,
			description,
		) ?? parameters;
	return description.properties.filter((property) =>
		NodeHelpers.displayParameter(withDefaults, property, null, description),
	);
}
