using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using IoUring.Interop.Opcodes;

namespace IoUring.Interop.Reliability.Child;

/// <summary>Calls one member with its edge values, one parameter at a time (the others benign), each call on a fresh
/// ring; writes one line per call: <c>CALL|member|arguments|verdict|detail</c>, and for members of a ring's parts one
/// <c>DISPOSED|member|verdict|detail</c> line for the call on a disposed ring.</summary>
public sealed class Runner
{
    private static readonly NullabilityInfoContext Nullability = new();
    private readonly TextWriter _output;

    /// <summary>Writes to <paramref name="output"/>.</summary>
    public Runner(TextWriter output) => _output = output;

    /// <summary>Runs every call of <paramref name="member"/>.</summary>
    public void Run(MemberCase member)
    {
        _output.WriteLine($"BEGIN|{member.Id}");
        _output.Flush();
        Func<object?, object?[], object?> call = Invoker.For(member.Member);
        ParameterInfo[] parameters = member.Member.GetParameters();
        Type owner = member.Member.DeclaringType!;
        foreach (var (receiverLabel, receiver) in Receivers(member.Member))
        {
            foreach (var (label, arguments) in Variants(parameters))
            {
                Ring ring = NewRing(owner);
                var context = new CallContext(ring);
                string verdict;
                string detail;
                try
                {
                    object? target;
                    object?[] values;
                    try
                    {
                        target = receiver?.Invoke(context);
                        values = arguments(context);
                    }
                    catch (Exception e)
                    {
                        // The suite could not make the receiver or an argument: the member was not called.
                        Write("CALL", member.Id, receiverLabel + label, "SETUP", Describe(e));
                        continue;
                    }

                    (verdict, detail) = Call(member, call, target, values, context);
                    (verdict, detail) = CheckAfter(ring, verdict, detail);
                }
                finally
                {
                    context.Dispose();
                    ring.Dispose();
                }

                Write("CALL", member.Id, receiverLabel + label, verdict, detail);
            }
        }

        if (HasDisposedRule(member.Member))
        {
            RunOnDisposedRing(member, call, parameters);
        }

        _output.WriteLine($"END|{member.Id}");
        _output.Flush();
    }

    /// <summary>Whether the disposed-ring rule applies: instance members of the ring and its queues and submitter
    /// (Dispose itself is idempotent by design; an enumerator is a struct copy of the queue's state).</summary>
    public static bool HasDisposedRule(MethodBase member) =>
        !member.IsStatic && member is MethodInfo && member.Name != nameof(Ring.Dispose) &&
        member.DeclaringType != typeof(CompletionQueue.Enumerator) && IsRingPart(member.DeclaringType!);

    // The documented rule (Ring remarks): after Dispose every member of the ring and its parts throws ObjectDisposedException.
    private void RunOnDisposedRing(MemberCase member, Func<object?, object?[], object?> call, ParameterInfo[] parameters)
    {
        Ring ring = NewRing(member.Member.DeclaringType!);
        var context = new CallContext(ring);
        object? receiver = RingPart(member.Member.DeclaringType!, context);
        object?[] arguments = parameters.Select(p => EdgeValues.Benign(p.ParameterType, p.Name!).Make(context)).ToArray();
        ring.Dispose();
        string verdict;
        string detail;
        try
        {
            object? result = call(receiver, arguments);
            (verdict, detail) = ("ANSWERED", "returned " + EdgeValues.Describe(result));
        }
        catch (ObjectDisposedException)
        {
            (verdict, detail) = ("THREW", nameof(ObjectDisposedException));
        }
        catch (Exception e)
        {
            // Refusing the (benign but invalid here) arguments before looking at the ring is fine, if it is clear.
            (verdict, detail) = (Verdict.IsClear(e) ? "ARGUMENT" : "OTHER", Describe(e));
        }
        finally
        {
            context.Dispose();
        }

        Write("DISPOSED", member.Id, "", verdict, detail);
    }

    private static (string Verdict, string Detail) Call(MemberCase member, Func<object?, object?[], object?> call, object? receiver, object?[] arguments, CallContext context)
    {
        try
        {
            object? result = call(receiver, arguments);
            return (Verdict.Ok, FollowUp(member.Member, receiver, result, context));
        }
        catch (Exception e)
        {
            return (Verdict.IsClear(e) ? Verdict.Clear : Verdict.Unclear, Describe(e));
        }
    }

    // What a result leads to: a builder's entry goes through the ring, a RingBuilder builds, what was made is released.
    private static string FollowUp(MethodBase member, object? receiver, object? result, CallContext context)
    {
        Type owner = member.DeclaringType!;
        if (Catalog.IsOpcodeBuilder(owner) && !member.Name.StartsWith("get_", StringComparison.Ordinal))
        {
            object? builder = member is ConstructorInfo ? result : receiver;
            object? entry = member.Name == "Build" ? result : builder is null ? null : Invoker.For(owner.GetMethod("Build", Type.EmptyTypes)!)(builder, []);
            return entry is null ? "no entry" : Submit(context.Ring, entry);
        }

        switch (result)
        {
            case RingBuilder builder:
                using (builder.Build(8))
                {
                    return "built a ring";
                }

            case Ring made when !ReferenceEquals(made, context.Ring):
                made.Dispose();
                return "made a ring";

            case IDisposable disposable:
                disposable.Dispose();
                return "made " + result.GetType().Name;

            default:
                return "returned " + EdgeValues.Describe(result);
        }
    }

    private const int PendingWaitMs = 100;

    // Pushes the entry, submits and waits up to 100 ms for its completion; a request that legitimately waits (a read
    // of an empty pipe, a futex wait) stays pending and is cancelled when the ring closes.
    private static string Submit(Ring ring, object entry)
    {
        bool pushed = entry switch
        {
            SubmissionEntry e => ring.SubmissionQueue.TryPush(e.WithUserData(0xB0B)),
            SubmissionEntry128 e => ring.SubmissionQueue.TryPush(e.WithUserData(0xB0B)),
            _ => throw new InvalidOperationException("Build returned " + entry.GetType().Name),
        };
        if (!pushed)
        {
            return "not pushed (queue full)";
        }

        SubmitStatus status = ring.Submitter.TrySubmitWithArgs(1, new SubmitArgs().WithTimeout(TimeSpan.FromMilliseconds(PendingWaitMs)), out _);
        var results = new List<string>();
        while (ring.CompletionQueue.TryDequeue(out CompletionEntry cqe))
        {
            results.Add(cqe.Result.ToString(System.Globalization.CultureInfo.InvariantCulture) + (cqe.HasMore ? "+more" : ""));
        }

        return results.Count > 0 ? "cqe " + string.Join(",", results) : $"pending after {PendingWaitMs} ms ({status})";
    }

    // The ring must still work (NOP round trip) and the process must still have its standard fds.
    private static (string Verdict, string Detail) CheckAfter(Ring ring, string verdict, string detail)
    {
        for (int fd = 0; fd <= 2; fd++)
        {
            if (!Posix.IsOpen(fd))
            {
                // Fill the number again, so the next calls in this child do not get it as a new fd and cascade.
                Posix.open("/dev/null", Posix.O_RDWR, 0);
                return (Verdict.Broken, $"fd {fd} was closed by the call ({detail})");
            }
        }

        try
        {
            RingCheck.NopRoundTrip(ring);
        }
        catch (ObjectDisposedException)
        {
            // The member disposed the ring (Dispose itself): the ring is gone by request; a new one must work.
            using var fresh = new Ring(8);
            RingCheck.NopRoundTrip(fresh);
        }
        catch (Exception e)
        {
            return (Verdict.Broken, $"the ring failed its NOP round trip: {Describe(e)} (after: {detail})");
        }

        return (verdict, detail);
    }

    private static Ring NewRing(Type owner)
    {
        bool wide = Catalog.IsOpcodeBuilder(owner) && owner.GetMethod("Build", Type.EmptyTypes)!.ReturnType == typeof(SubmissionEntry128);
        return wide ? Ring.Builder().SetupSqe128().Build(8) : new Ring(8);
    }

    private static bool IsRingPart(Type t) =>
        t == typeof(Ring) || t == typeof(Submitter) || t == typeof(SubmissionQueue) || t == typeof(CompletionQueue) || t == typeof(CompletionQueue.Enumerator);

    private static object? RingPart(Type t, CallContext c) =>
        t == typeof(Ring) ? c.Ring
        : t == typeof(Submitter) ? c.Ring.Submitter
        : t == typeof(SubmissionQueue) ? c.Ring.SubmissionQueue
        : t == typeof(CompletionQueue) ? c.Ring.CompletionQueue
        : t == typeof(CompletionQueue.Enumerator) ? c.Ring.CompletionQueue.GetEnumerator()
        : null;

    // The receivers a member is called on: none for static members and constructors; the call's ring part; a builder
    // made with benign arguments; for other structs the default value and each public field at its edge values.
    private static IEnumerable<(string Label, Func<CallContext, object?>? Make)> Receivers(MethodBase member)
    {
        Type t = member.DeclaringType!;
        if (member.IsStatic || member is ConstructorInfo)
        {
            return [("", null)];
        }

        if (IsRingPart(t))
        {
            return [("", c => RingPart(t, c))];
        }

        if (t == typeof(RingBuilder))
        {
            return [("", _ => Ring.Builder())];
        }

        if (t == typeof(RingParameters))
        {
            return [("", c => c.Ring.Parameters)];
        }

        if (t == typeof(Probe) || t == typeof(Async.RingEngine) || t == typeof(Async.RingEngineGroup) || t == typeof(Async.ProvidedBufferPool))
        {
            return [("", EdgeValues.Benign(t, "this").Make)];
        }

        if (t == typeof(BufferRing))
        {
            return [("", c => c.Own(new BufferRing(8, 7)))];
        }

        if (Catalog.IsOpcodeBuilder(t))
        {
            ConstructorInfo? ctor = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            return [("", c => ctor is null
                ? Activator.CreateInstance(t)
                : Invoker.For(ctor)(null, ctor.GetParameters().Select(p => EdgeValues.Benign(p.ParameterType, p.Name!).Make(c)).ToArray()))];
        }

        if (!t.IsValueType)
        {
            return EdgeValues.Construct(t) is { } make ? [("", make)] : [];
        }

        var receivers = new List<(string, Func<CallContext, object?>?)> { ("default receiver; ", _ => Activator.CreateInstance(t)) };
        if (member.GetParameters().Length == 0)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => !f.IsInitOnly))
            {
                foreach (Value edge in EdgeValues.Edges(field.FieldType, field.Name))
                {
                    receivers.Add(($"receiver {field.Name}={edge.Label}; ", c =>
                    {
                        object box = Activator.CreateInstance(t)!;
                        field.SetValue(box, edge.Make(c));
                        return box;
                    }));
                }
            }
        }

        return receivers;
    }

    // The benign row, then each parameter through its edge values with the others benign. Null is tried only where
    // the parameter is annotated nullable: under Nullable, null for a non-nullable parameter is a compile-time error.
    private static IEnumerable<(string Label, Func<CallContext, object?[]> Make)> Variants(ParameterInfo[] parameters)
    {
        Value[] benign = parameters.Select(p => EdgeValues.Benign(p.ParameterType, p.Name!)).ToArray();
        yield return ("(" + string.Join(", ", benign.Select(b => b.Label)) + ")", c => benign.Select(b => b.Make(c)).ToArray());
        for (int i = 0; i < parameters.Length; i++)
        {
            ParameterInfo parameter = parameters[i];
            bool nullable = parameter.ParameterType.IsValueType || parameter.ParameterType.IsPointer || parameter.ParameterType.IsByRef ||
                            Nullability.Create(parameter).WriteState == NullabilityState.Nullable;
            foreach (Value edge in EdgeValues.Edges(parameter.ParameterType, parameter.Name!))
            {
                if (edge.Label == "null" && !nullable && !parameter.ParameterType.IsPointer)
                {
                    continue;
                }

                int index = i;
                yield return ($"{parameter.Name}={edge.Label}", c =>
                {
                    object?[] values = benign.Select(b => b.Make(c)).ToArray();
                    values[index] = edge.Make(c);
                    return values;
                });
            }
        }
    }

    private void Write(string kind, string id, string arguments, string verdict, string detail)
    {
        _output.WriteLine($"{kind}|{id}|{Clean(arguments)}|{verdict}|{Clean(detail)}");
        _output.Flush();
    }

    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";

    private static string Clean(string text) => text.Replace('\n', ' ').Replace('\r', ' ').Replace('|', '/');
}
