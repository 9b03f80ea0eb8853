// Every stand-in workflow the client and CLI tests run, in one bundle.
export { provisionInternetOnDemand } from './stand-in-workflow';
export { manageInternetOnDemandService } from './stand-in-service-workflow';
export { applyScheduledBandwidth } from './stand-in-scheduled-change';
