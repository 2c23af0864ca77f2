import {
	ICredentialsHelper,
	type Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
} from 'n8n-workflow';

/**
 * Stands where n8n's own CredentialsHelper stands in a real instance: it hands out the credential
 * data (with the type's defaults applied, as n8n does) and applies a credential type's generic
 * `authenticate` block by resolving its expressions with n8n's expression engine.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	withDefaults(typeName: string, data: ICredentialDataDecryptedObject) {
		const defaults = Object.fromEntries(
			this.type(typeName).properties.map((property) => [property.name, property.default]),
		);
		return { ...defaults, ...data } as ICredentialDataDecryptedObject;
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return this.withDefaults(type, data);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (authenticate?.type !== 'generic') return options;
		if (!workflow || !node) throw new Error('n8n passes the workflow and node to authenticate');

		const resolve = (value: unknown) =>
			workflow.expression.getSimpleParameterValue(
				node,
				value as string,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
		for (const [place, values] of Object.entries(authenticate.properties)) {
			const target = ((options as unknown as Record<string, Record<string, unknown>>)[place] ??=
				{});
			for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
				target[key] = resolve(value);
			}
		}
		return options;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('Encrypted credentials are not used in these tests');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}

/**
 * Credential fields that turn the client-side limit off (every vendor's budget field at 0), for the
 * tests that are not about rate limits: their requests go at once, whatever ran before them.
 */
export const NO_CLIENT_LIMIT = { readsPerMinute: 0, writesPerMinute: 0, requestsPerMinute: 0 };
