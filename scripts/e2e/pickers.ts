import type { Page } from 'playwright-core';

import { CAMPAIGNS } from '../../sandbox/guayaba';
import type { Sandbox } from '../../sandbox/main';
import {
	QYVO_BASE_PATH,
	seedQyvoContacts,
	seedQyvoFlows,
	seedQyvoSequences,
	seedQyvoTemplates,
} from '../../sandbox/qyvo';
import { openEditor } from '../browser';
import { SANDBOX_CREDENTIALS, say, type EditorApi, type N8nInstance } from '../n8n-instance';
import { executeStep, saveWorkflow, type WorkflowNode } from './editorRuns';
import type { Checks } from './helpers';

const [orderConfirmation, welcome, springSale] = seedQyvoTemplates();
const [romain, sam] = seedQyvoContacts();
const [welcomeSeries, draftSequence] = seedQyvoSequences();
const [reviewFlow, quizFlow] = seedQyvoFlows();

const byTestId = (id: string) => `[data-test-id="${id}"]`;

/** Adds a node from the node creator after the last one, and picks one of its actions. */
async function addNode(page: Page, from: string, search: string, action?: string): Promise<void> {
	await page.locator(byTestId(from)).last().click();
	await page.locator(byTestId('node-creator-search-bar')).fill(search);
	await page.keyboard.press('Enter');
	if (action !== undefined) await page.getByText(action, { exact: true }).first().click();
}

/** The names a picker lists once its list has loaded. */
async function listed(page: Page): Promise<string[]> {
	const items = page.locator(byTestId('rlc-item'));
	await items.first().waitFor({ timeout: 15_000 });
	await page.waitForTimeout(300);
	return (await items.allInnerTexts()).map((text) => text.split('\n')[0].trim());
}

/** Scrolls a picker's list to its end until no more pages load; every name it then lists. */
async function scrolledToTheEnd(page: Page): Promise<string[]> {
	let names = await listed(page);
	for (let round = 0; round < 10; round++) {
		await page.locator(byTestId('rlc-item')).last().scrollIntoViewIfNeeded();
		await page.mouse.wheel(0, 2000);
		await page.waitForTimeout(800);
		const now = await listed(page);
		if (now.length === names.length) return now;
		names = now;
	}
	return names;
}

async function searchFor(page: Page, text: string): Promise<string[]> {
	await page
		.locator(`input${byTestId('rlc-search')}, ${byTestId('rlc-search')} input`)
		.first()
		.fill(text);
	// the editor asks after a short pause in typing
	await page.waitForTimeout(1200);
	return await listed(page);
}

/** The picker of a field: its modes (by their labels), then its list opened. */
async function openPicker(page: Page, field: string): Promise<{ modes: string[] }> {
	const picker = page.locator(byTestId(`resource-locator-${field}`));
	await picker.locator(byTestId('rlc-mode-selector')).click();
	const modes = await page
		.locator(`${byTestId('mode-list')}:visible, ${byTestId('mode-id')}:visible`)
		.allInnerTexts();
	await page.keyboard.press('Escape');
	await picker.locator(byTestId('rlc-input')).click();
	return { modes: modes.map((mode) => mode.trim()) };
}

/** The credential the node panel shows as selected. */
async function credentialShown(page: Page): Promise<string> {
	const select = page.locator(byTestId('node-credentials-select'));
	await select.waitFor({ timeout: 15_000 });
	const input = select.locator('input');
	const value = (await input.count()) > 0 ? await input.first().inputValue() : '';
	return (value || (await select.innerText())).trim();
}

/** n8n selects a credential by itself on a new node (the newest of its type, all sandbox keys). */
async function pickedByN8n(checks: Checks, page: Page): Promise<void> {
	const name = await credentialShown(page);
	say(`n8n picked the credential "${name}"`);
	checks.equal('n8n picked a credential by itself', name !== '', true);
}

async function closePicker(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page.waitForTimeout(200);
}

/** A node of a saved workflow, its panel open. */
async function openNode(page: Page, url: string, nodeName: string): Promise<void> {
	await page.goto(url);
	const node = page.locator(`[data-node-name="${nodeName}"]`).first();
	await node.waitFor({ timeout: 30_000 });
	await node.dblclick();
	await page.locator(byTestId('ndv')).waitFor({ timeout: 15_000 });
}

const sortedNames = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b));

const campaignNames = CAMPAIGNS.map((campaign) => campaign.name);

function pickerNode(
	name: string,
	type: 'guayaba' | 'qyvo',
	parameters: Record<string, unknown>,
): WorkflowNode {
	const credential = type === 'guayaba' ? 'guayabaApi' : 'qyvoApi';
	return {
		name,
		type: `n8n-nodes-outreach.${type}`,
		credentials: { [credential]: SANDBOX_CREDENTIALS[credential] },
		parameters: { ...parameters, options: {} },
	};
}

/**
 * The ID pickers in n8n's editor, in headless Chromium: as the first node of a new workflow,
 * Guayaba's Campaign and Qyvo's Template list their items without the node being reopened (n8n
 * asks a picker for its list only when it is opened, by then with the credential n8n picked);
 * every picker offers From List and By ID, its search narrows the list, and a paged list loads
 * its next page as the user scrolls. Then a workflow whose pickers hold each mode's value runs.
 */
export async function checkPickersInTheEditor(
	checks: Checks,
	n8n: N8nInstance,
	editor: EditorApi,
	sandbox: Sandbox,
): Promise<void> {
	// a browser that cannot start or sign in fails this check, not the whole suite
	if (n8n.major >= 2)
		await checks.section('pickers in the editor, in Chromium', async () => {
			await checkPickersInChromium(checks, n8n, editor, sandbox);
		});
	else
		say(
			"pickers in the editor: not driven on n8n 1.x, whose sign-in page does not offer the fields this check fills; the pickers' runs below are checked",
		);
	await checkPickersRun(checks, editor, sandbox);
}

async function checkPickersInChromium(
	checks: Checks,
	n8n: N8nInstance,
	editor: EditorApi,
	sandbox: Sandbox,
): Promise<void> {
	const { guayaba, qyvo } = sandbox;
	const { browser, page } = await openEditor(n8n);
	const failedLists: string[] = [];
	page.on('response', async (response) => {
		if (response.url().includes('/rest/dynamic-node-parameters/') && response.status() !== 200) {
			const answer = await response.text().catch(() => '');
			failedLists.push(
				`${response.status()} ${new URL(response.url()).pathname}: ${answer.slice(0, 300)}`,
			);
		}
	});
	try {
		await checks.section(
			'pickers in the editor: Guayaba Create as the first node of a new workflow',
			async () => {
				guayaba.reset();
				await page.goto(`${n8n.url}/workflow/new`);
				await addNode(page, 'canvas-add-button', 'Manual');
				await addNode(page, 'canvas-handle-plus', 'Guayaba', 'Create a contact in a campaign');
				await page.locator(byTestId('resource-locator-campaignId')).waitFor({ timeout: 15_000 });
				await pickedByN8n(checks, page);
				const { modes } = await openPicker(page, 'campaignId');
				checks.equal('the Campaign picker offers From List and By ID', modes, [
					'From list',
					'By ID',
				]);
				const first = await listed(page);
				checks.equal(
					'opened once, without reopening the node, it lists the sandbox campaigns',
					first.slice(0, 3),
					campaignNames.slice(0, 3),
				);
				checks.equal(
					'scrolled, it loads the next pages: every campaign, once',
					await scrolledToTheEnd(page),
					campaignNames,
				);
				checks.equal(
					'each page was asked for with the credential n8n picked (page 1, 2 and 3 of 10)',
					guayaba.received
						.filter((request) => request.path === '/campaigns')
						.map((request) => [request.status, request.query.page]),
					[
						[200, '1'],
						[200, '2'],
						[200, '3'],
					],
				);
				checks.equal(
					'a search narrows it (Guayaba searches campaign names)',
					await scrolledToTheEnd(page).then(() => searchFor(page, '2')),
					[
						'Campaign 02',
						'Campaign 12',
						'Campaign 20',
						'Campaign 21',
						'Campaign 22',
						'Campaign 23',
					],
				);
				await closePicker(page);
				checks.equal('no list the editor asked for failed', failedLists.splice(0), []);
				await page.keyboard.press('Escape');
			},
		);

		await checks.section(
			'pickers in the editor: Qyvo Send Template as the first node of a new workflow',
			async () => {
				await page.goto(`${n8n.url}/workflow/new`);
				await addNode(page, 'canvas-add-button', 'Manual');
				await addNode(page, 'canvas-handle-plus', 'Qyvo', 'Send a template message');
				await page.locator(byTestId('resource-locator-templateId')).waitFor({ timeout: 15_000 });
				await pickedByN8n(checks, page);
				const { modes } = await openPicker(page, 'templateId');
				checks.equal('the Template picker offers From List and By ID', modes, [
					'From list',
					'By ID',
				]);
				checks.equal(
					'opened once, without reopening the node, it lists the approved templates',
					await listed(page),
					[orderConfirmation.name, welcome.name],
				);
				checks.equal('a search narrows it', await searchFor(page, 'WEL'), [welcome.name]);
				await closePicker(page);
				checks.equal('no list the editor asked for failed', failedLists.splice(0), []);
			},
		);

		guayaba.reset();
		guayaba.addBulkContacts(60);
		const workflow = await saveWorkflow(editor, {
			name: 'e2e: the ID pickers',
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
				pickerNode('Guayaba by ID', 'guayaba', { resource: 'contact', operation: 'updateById' }),
				pickerNode('Qyvo contact', 'qyvo', {
					resource: 'contact',
					operation: 'get',
					lookupBy: 'contactId',
				}),
				pickerNode('Qyvo template', 'qyvo', { resource: 'template', operation: 'get' }),
				pickerNode('Qyvo sequence', 'qyvo', { resource: 'sequence', operation: 'get' }),
				pickerNode('Qyvo flow', 'qyvo', { resource: 'flow', operation: 'get' }),
			],
			connections: {},
		});
		const url = `${n8n.url}/workflow/${workflow.id}`;
		const pickers: Array<{
			node: string;
			field: string;
			all: string[];
			search: string;
			found: string[];
		}> = [
			{
				node: 'Qyvo contact',
				field: 'contactId',
				// Qyvo lists the most recently active first
				all: [`Romain (${romain.phone})`, `Sam (${sam.phone})`],
				search: 'sam',
				found: [`Sam (${sam.phone})`],
			},
			{
				node: 'Qyvo template',
				field: 'templateId',
				all: sortedNames([orderConfirmation.name, welcome.name, springSale.name]),
				search: 'sale',
				found: [springSale.name],
			},
			{
				node: 'Qyvo sequence',
				field: 'sequenceId',
				all: sortedNames([welcomeSeries.name, draftSequence.name]),
				search: 'draft',
				found: [draftSequence.name],
			},
			{
				node: 'Qyvo flow',
				field: 'flowId',
				all: sortedNames([reviewFlow.name, quizFlow.name]),
				search: 'review',
				found: [reviewFlow.name],
			},
		];

		await checks.section('pickers in the editor: Guayaba Contact, paged', async () => {
			await openNode(page, url, 'Guayaba by ID');
			const { modes } = await openPicker(page, 'contactId');
			checks.equal('it offers From List and By ID', modes, ['From list', 'By ID']);
			checks.equal(
				'scrolled, it loads the second page: the 4 contacts and 60 added, once each',
				new Set(await scrolledToTheEnd(page)).size,
				64,
			);
			checks.equal(
				'a search narrows it (Guayaba searches names and phones)',
				await searchFor(page, 'ana'),
				['Ana Ruiz (+14155552671)'],
			);
			checks.equal(
				'the contacts list was read page by page, 50 a page',
				guayaba.received
					.filter((request) => request.path === '/contacts')
					.map((request) => [request.query.page, request.query.limit, request.query.search]),
				[
					['1', '50', undefined],
					['2', '50', undefined],
					['1', '50', 'ana'],
				],
			);
			await closePicker(page);
		});

		for (const picker of pickers) {
			await checks.section(`pickers in the editor: ${picker.node}`, async () => {
				qyvo.reset();
				await openNode(page, url, picker.node);
				const { modes } = await openPicker(page, picker.field);
				checks.equal('it offers From List and By ID', modes, ['From list', 'By ID']);
				checks.equal(
					"it lists the sandbox's (Qyvo's list has no pages: all at once)",
					await listed(page),
					picker.all,
				);
				checks.equal('a search narrows it', await searchFor(page, picker.search), picker.found);
				await closePicker(page);
			});
		}
		checks.equal('no list the editor asked for failed', failedLists.splice(0), []);
	} finally {
		await browser.close();
	}
}

async function checkPickersRun(checks: Checks, editor: EditorApi, sandbox: Sandbox): Promise<void> {
	const { guayaba, qyvo } = sandbox;
	await checks.section('a workflow whose pickers hold each mode, and plain IDs, runs', async () => {
		guayaba.reset();
		qyvo.reset();
		const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
		const nodes = [
			pickerNode('Create', 'guayaba', {
				resource: 'contact',
				operation: 'create',
				phoneNumber: '+14155550100',
				campaignId: rl('list', CAMPAIGNS[1].id),
			}),
			pickerNode('Send template', 'qyvo', {
				resource: 'message',
				operation: 'sendTemplate',
				phone: romain.phone,
				templateId: rl('id', welcome.id),
			}),
			// as saved before the fields were pickers
			pickerNode('Start sequence', 'qyvo', {
				resource: 'sequence',
				operation: 'start',
				lookupBy: 'contactId',
				contactId: romain.id,
				sequenceId: welcomeSeries.id,
			}),
		];
		const chain = ['Start', ...nodes.map((node) => node.name)];
		const saved = await saveWorkflow(editor, {
			name: 'e2e: pickers run',
			nodes: [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} }, ...nodes],
			connections: Object.fromEntries(
				chain
					.slice(0, -1)
					.map((from, index) => [
						from,
						{ main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] },
					]),
			),
		});
		await executeStep(editor, saved, 'Start sequence');
		checks.equal(
			'Guayaba got the campaign picked From List',
			guayaba.received.map((request) => [request.path, request.body]),
			[['/contacts', { phoneNumber: '+14155550100', campaignId: CAMPAIGNS[1].id }]],
		);
		checks.equal(
			'Qyvo got the template By ID, and the plain sequence and contact IDs',
			qyvo.received.map((request) => [request.path.replace(QYVO_BASE_PATH, ''), request.body]),
			[
				['/actions/send-template-message', { phone: romain.phone, template_id: welcome.id }],
				['/actions/trigger-sequence', { sequence_id: welcomeSeries.id, contact_id: romain.id }],
			],
		);
	});
}
