import torch

# PyTorch runs each operation as soon as it is called: the result holds numbers at once.
x = torch.tensor([1.0, 2.0, 3.0])
doubled = x * 2
print(f"immediate value: {doubled}")
assert doubled.tolist() == [2.0, 4.0, 6.0]
# No graph is being captured here; the same check inside torch.compile reports one.
here = torch.compiler.is_compiling()
inside = torch.compile(lambda: torch.compiler.is_compiling(), backend="eager")()
print(f"graph mode: here {here}, inside {inside}")
assert not here and inside  # proof: eager-here


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
# dynamic=True treats sizes and Python numbers as graph inputs from the first call on.
relaxed = torch.compile(
    scaled_sum, backend=lambda g, i: counting_backend(g, i, "relaxed"), dynamic=True
)

calls = {
    "float32 (3,), scale 2.0": (torch.ones(3), 2.0),
    "same shape, new values": (torch.full((3,), 5.0), 2.0),
    "float32 (4,)": (torch.ones(4), 2.0),
    "float32 (5,)": (torch.ones(5), 2.0),
    "Python float 3.0": (torch.ones(5), 3.0),
    "Python float 4.0": (torch.ones(5), 4.0),
    "float64 (5,)": (torch.ones(5, dtype=torch.float64), 4.0),
}
traces = {"call": list(calls), "graphs (default)": [], "graphs (relaxed)": []}
results = []
for name, (x, scale) in calls.items():
    results.append(default(x, scale).item())
    assert relaxed(x, scale).item() == results[-1]
    traces["graphs (default)"].append(graphs["default"])
    traces["graphs (relaxed)"].append(graphs["relaxed"])
    print(f"{name}: result {results[-1]}, graphs so far {graphs}")

counts, relaxed_counts = traces["graphs (default)"], traces["graphs (relaxed)"]
assert counts[1] == counts[0] == 1  # proof: new-values
# A second size recompiles once with a symbolic size, which later sizes reuse;
# dynamic=True needs no recompile.
assert counts[2] == 2 and counts[3] == 2  # proof: new-size
assert relaxed_counts[3] == 1  # proof: relaxed-size
# The first new Python float recompiles once, and from then on the float is a graph
# input (specialize_float is False): the next value reuses the graph.
assert counts[4] == counts[3] + 1 and counts[5] == counts[4]  # proof: new-float
assert relaxed_counts[5] == relaxed_counts[3]  # proof: relaxed-float
# A new dtype needs a new graph in both modes.
# proof: new-dtype
assert counts[6] > counts[5] and relaxed_counts[6] > relaxed_counts[5]
