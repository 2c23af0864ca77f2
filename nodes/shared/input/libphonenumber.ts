// The one place the package imports libphonenumber-js: the build bundles this file, so that dist
// needs nothing installed beside n8n-workflow (n8n Cloud allows no runtime dependencies).
export {
	getCountries,
	isSupportedCountry,
	parsePhoneNumberFromString,
	validatePhoneNumberLength,
	type CountryCode,
} from 'libphonenumber-js/min';
