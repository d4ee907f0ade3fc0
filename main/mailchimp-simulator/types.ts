/** In-memory model of the simulated Mailchimp account. Everything here is plain data, so it saves as JSON. */

export const MERGE_TYPES = ['text', 'number', 'address', 'phone', 'date', 'url', 'imageurl', 'radio', 'dropdown', 'birthday', 'zip'] as const;
export type MergeFieldType = (typeof MERGE_TYPES)[number];

export const CATEGORY_TYPES = ['checkboxes', 'dropdown', 'radio', 'hidden'] as const;
export type CategoryType = (typeof CATEGORY_TYPES)[number];

/** Statuses a client may send (`status`, `status_if_new`). */
export const REQUEST_STATUSES = ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** Statuses a member can have; `archived` appears only in responses. */
export type MemberStatus = RequestStatus | 'archived';

export type MergeFieldOptions = {
  default_country?: number;
  phone_format?: string;
  date_format?: string;
  choices?: string[];
  size?: number;
};

export type SimMergeField = {
  merge_id: number;
  tag: string;
  name: string;
  type: MergeFieldType;
  required: boolean;
  default_value: string;
  public: boolean;
  display_order: number;
  options: MergeFieldOptions;
  help_text: string;
};

export type SimCategory = { id: string; title: string; display_order: number; type: CategoryType };
export type SimInterest = { id: string; category_id: string; name: string; display_order: number };

/** A marketing permission (GDPR field) of an audience. */
export type SimPermission = { id: string; text: string };

export type AddressValue = { addr1: string; addr2: string; city: string; state: string; zip: string; country: string };
/** A stored merge value; unset fields are absent and render as `""`. */
export type MergeValue = string | number | AddressValue;

export type SimMember = {
  hash: string;
  email_address: string;
  unique_email_id: string;
  contact_id: string;
  web_id: number;
  email_type: string;
  status: MemberStatus;
  /** Status before archiving: an archived unsubscribe is still a compliance state. */
  archived_from?: MemberStatus;
  unsubscribe_reason?: string;
  merge: Record<string, MergeValue>;
  /** Ids of the interests set to true, sorted. */
  interests: string[];
  /** Ids of the marketing permissions the contact opted in to, sorted (GDPR audiences only). */
  permissions?: string[];
  language: string;
  vip: boolean;
  ip_signup: string;
  timestamp_signup: string;
  ip_opt: string;
  timestamp_opt: string;
  latitude: number;
  longitude: number;
  /** Epoch ms, whole seconds (the wire format has second precision). */
  last_changed: number;
};

export type ListContact = {
  company: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  phone: string;
};

export type SimList = {
  id: string;
  web_id: number;
  name: string;
  contact: ListContact;
  permission_reminder: string;
  from_name: string;
  from_email: string;
  date_created: string;
  merge_fields: SimMergeField[];
  next_merge_id: number;
  categories: SimCategory[];
  interests: SimInterest[];
  /** By subscriber hash (md5 of the lower-cased address). Insertion order is the listing order. */
  members: Map<string, SimMember>;
  /** Hashes of permanently deleted addresses: they can never be re-added. */
  forgotten: Set<string>;
  /** GDPR fields; absent when the audience has no marketing permissions. */
  marketing_permissions?: SimPermission[];
};

export type SimAccount = {
  account_id: string;
  login_id: string;
  account_name: string;
  email: string;
  first_name: string;
  last_name: string;
  username: string;
  member_since: string;
};

export type SimState = {
  seed: number;
  apiKey: string;
  account: SimAccount;
  /** Next number for generated ids and web ids; persisted so ids stay unique across restarts. */
  counter: number;
  lists: Map<string, SimList>;
};
