// Account code that declares, validates, saves and displays sensitive fields without profiling anyone:
// profilint stays silent on this whole file.
export interface CustomerProfileDto {
  id: string;
  firstName: string;
  lastName: string;
  gender?: 'female' | 'male' | 'other' | 'undisclosed';
  dateOfBirth?: string;
  postcode: string;
}

export interface ProfileRepository {
  save(profile: CustomerProfileDto): Promise<void>;
}

export function validateProfile(form: CustomerProfileDto): string[] {
  const errors: string[] = [];
  if (form.dateOfBirth !== undefined && Number.isNaN(Date.parse(form.dateOfBirth))) errors.push('dateOfBirth');
  if (!/^[A-Z0-9 ]{3,8}$/i.test(form.postcode)) errors.push('postcode');
  return errors;
}

export async function saveProfile(repository: ProfileRepository, form: CustomerProfileDto): Promise<void> {
  await repository.save({ ...form, gender: form.gender ?? 'undisclosed' });
}

export function displayName(profile: CustomerProfileDto): string {
  return `${profile.firstName} ${profile.lastName}`;
}
