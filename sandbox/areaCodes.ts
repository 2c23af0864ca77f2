/**
 * The time zone of a North American number (+1), from its area code, as Guayaba guesses it when
 * a contact is created without one. Area codes of a state or province that spans two zones take
 * the zone most of their numbers are in; any area code not listed is in US Eastern time.
 */
const ZONES: Record<string, string> = {
	'America/Los_Angeles':
		'209 213 279 310 323 341 350 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 747 760 805 818 820 831 837 840 858 909 916 925 949 951 206 253 360 425 509 564 458 503 541 971 702 725 775',
	'America/Denver': '303 719 720 970 983 385 435 801 505 575 307 406 915 208 986',
	'America/Phoenix': '480 520 602 623 928',
	'America/Chicago':
		'205 251 256 334 659 938 327 479 501 870 219 217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 872 319 515 563 641 712 316 620 785 913 225 318 337 504 985 218 320 507 612 651 763 952 228 601 662 769 314 417 557 573 636 660 816 975 308 402 531 701 405 539 572 580 918 605 615 629 731 901 931 210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979 262 274 353 414 534 608 715 920 270 364',
	'America/Anchorage': '907',
	'Pacific/Honolulu': '808',
	'America/Vancouver': '236 250 257 604 672 778',
	'America/Edmonton': '368 403 587 780 825 867',
	'America/Regina': '306 474 639',
	'America/Winnipeg': '204 431 584',
	'America/Toronto':
		'226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 807 905 263 354 367 418 438 450 468 514 579 581 819 873',
	'America/Halifax': '782 902',
	'America/Moncton': '428 506',
	'America/St_Johns': '709 879',
	'America/Puerto_Rico': '787 939',
	'America/St_Thomas': '340',
	'Pacific/Guam': '671',
	'America/Jamaica': '658 876',
	'America/Santo_Domingo': '809 829 849',
	'America/Nassau': '242',
	'America/Barbados': '246',
	'America/Anguilla': '264',
	'America/Antigua': '268',
	'America/Tortola': '284',
	'America/Cayman': '345',
	'Atlantic/Bermuda': '441',
	'America/Grenada': '473',
	'America/Grand_Turk': '649',
	'America/Montserrat': '664',
	'Pacific/Saipan': '670',
	'Pacific/Pago_Pago': '684',
	'America/Lower_Princes': '721',
	'America/St_Lucia': '758',
	'America/Dominica': '767',
	'America/St_Vincent': '784',
	'America/Port_of_Spain': '868',
	'America/St_Kitts': '869',
};

const BY_AREA_CODE = new Map(
	Object.entries(ZONES).flatMap(([zone, codes]) =>
		codes.split(' ').map((code) => [code, zone] as const),
	),
);

/** The zone of an E.164 number that starts with +1. */
export function northAmericanTimeZone(phone: string): string {
	return BY_AREA_CODE.get(phone.slice(2, 5)) ?? 'America/New_York';
}
