using Xunit;

// The lifecycle and threading tests count the process's fds, mappings and threads: nothing else may run beside them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
