/**
 * The words a conversation is filled with: what the company sells, who it competes with, and
 * the numbers people quote. All names are fictional.
 */

/** The company the simulator plays, and its product. */
export const VENDOR = 'Northwind';
export const PRODUCT = 'Northwind Pulse';

/** Fictional competitors; transcripts name two or three of them in every competition phase. */
export const COMPETITORS = ['Zentrix', 'Callvana', 'Dealhawk', 'Quorra Insights', 'Pitchlane', 'Revolo'] as const;

export const CURRENT_TOOLS = ['spreadsheets', 'Salesforce reports', 'a homegrown dashboard', 'call notes in Google Docs'] as const;
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'end of week'] as const;
export const REGIONS = ['Boston', 'London', 'Austin', 'Toronto', 'Denver', 'Chicago', 'Paris', 'Madrid'] as const;
export const PRICES_PER_SEAT = [45, 65, 85, 110, 125] as const;
export const DISCOUNTS = [10, 12, 15, 18, 20] as const;
export const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
