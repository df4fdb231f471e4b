import torch

# PyTorch runs each operation as soon as it is called: the result holds numbers at once.
x = torch.tensor([1.0, 2.0, 3.0])
doubled = x * 2
print(f"immediate value: {doubled}")
assert doubled.tolist() == [2.0, 4.0, 6.0]
assert not torch.compiler.is_compiling()


def scaled_sum(x, scale):
    return (x * scale).sum()


# torch.compile captures Python into graphs and hands each graph to a backend.
# This backend counts the graphs and runs them unchanged (no C++ compiler needed).
graphs = {"default": 0, "relaxed": 0}


def counting_backend(graph_module, example_inputs, key):
    graphs[key] += 1
    return graph_module.forward


default = torch.compile(
    scaled_sum, backend=lambda g, i: counting_backend(g, i, "default")
)
# dynamic=True treats sizes as symbols from the first call on.
relaxed = torch.compile(
    scaled_sum, backend=lambda g, i: counting_backend(g, i, "relaxed"), dynamic=True
)

calls = {
    "float32 (3,), scale 2.0": (torch.ones(3), 2.0),
    "same shape, new values": (torch.full((3,), 5.0), 2.0),
    "float32 (4,)": (torch.ones(4), 2.0),
    "float32 (5,)": (torch.ones(5), 2.0),
    "Python float 3.0": (torch.ones(5), 3.0),
    "float64 (5,)": (torch.ones(5, dtype=torch.float64), 3.0),
}
traces = {"call": list(calls), "graphs (default)": [], "graphs (relaxed)": []}
results = []
for name, (x, scale) in calls.items():
    results.append(default(x, scale).item())
    assert relaxed(x, scale).item() == results[-1]
    traces["graphs (default)"].append(graphs["default"])
    traces["graphs (relaxed)"].append(graphs["relaxed"])
    print(f"{name}: result {results[-1]}, graphs so far {graphs}")

# New values reuse a graph; a new shape needs a new one unless shapes are relaxed.
counts, relaxed_counts = traces["graphs (default)"], traces["graphs (relaxed)"]
assert counts[1] == counts[0] == 1 and counts[2] == 2
assert relaxed_counts[-1] < counts[-1]
# After one recompile with a symbolic size, other sizes reuse it; a new Python float
# recompiles unless dynamic=True made it an input.
assert (
    counts[3] == counts[2]
    and counts[4] > counts[3]
    and relaxed_counts[4] == relaxed_counts[3]
)
