global using Loosh.GrainInterfaces;
global using Loosh.TestSupport;
