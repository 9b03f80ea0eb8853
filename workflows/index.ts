// The workflows this worker registers.
export { provisionInternetOnDemand } from './provisioning/provisioning';
