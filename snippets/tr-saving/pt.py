import pickle

import numpy as np
import torch
from torch import nn

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
torch.backends.cuda.matmul.fp32_precision = "ieee"  # Full float32 on GPUs too.
# The same seeded weights and inputs in both files; files go to the working directory.
rng = np.random.default_rng(0)
rows = torch.tensor(rng.standard_normal((4, 3)).astype(np.float32), device=device)
targets = torch.tensor(rng.standard_normal((4, 2)).astype(np.float32), device=device)
# The kernel, as Keras stores it: (in, out).
kernel = rng.standard_normal((3, 2)).astype(np.float32)


def new_model():
    model = nn.Sequential(nn.Linear(3, 2)).to(device)
    with torch.no_grad():
        model[0].weight.copy_(torch.from_numpy(kernel.T))
        model[0].bias.zero_()
    return model


# state_dict: weights only, loaded into a model built by your code.
model = new_model()
torch.save(model.state_dict(), "model.pt")
restored = nn.Sequential(nn.Linear(3, 2)).to(device)
restored.load_state_dict(torch.load("model.pt"))
state_dict = restored(rows).detach()
print(f"state_dict: {state_dict[0].tolist()}")

# whole_model: torch.save pickles the module, and torch.load refuses it unless
# weights_only=False (the default is True since PyTorch 2.6); a .keras file is a zip of
# config and weights, and a custom layer in it needs its class to load.
model = new_model()
torch.save(model, "whole.pt")
try:
    torch.load("whole.pt")
    raise AssertionError("torch.load of a pickled module did not raise")
except pickle.UnpicklingError:
    print("whole_model: torch.load with the default weights_only=True: UnpicklingError")
whole_model = torch.load("whole.pt", weights_only=False)(rows).detach()
print(f"whole_model: {whole_model[0].tolist()}")

# checkpoint: model and opt state together, to resume training.
model = new_model()
opt = torch.optim.Adam(model.parameters(), lr=0.1)
nn.functional.mse_loss(model(rows), targets).backward()
opt.step()
torch.save({"model": model.state_dict(), "optimizer": opt.state_dict()}, "ckpt.pt")
resumed = new_model()
resumed_optimizer = torch.optim.Adam(resumed.parameters(), lr=0.1)
saved = torch.load("ckpt.pt")
resumed.load_state_dict(saved["model"])
resumed_optimizer.load_state_dict(saved["optimizer"])
resumed_optimizer.zero_grad()
nn.functional.mse_loss(resumed(rows), targets).backward()
resumed_optimizer.step()
checkpoint = resumed[0].weight.detach().T
print(f"checkpoint: kernel after a resumed second step {checkpoint[0].tolist()}")

# weights_as_arrays: PyTorch names each tensor ("0.weight", shape (out, in)); Keras
# returns a list of arrays in layer order (kernel (in, out), then bias).
model = new_model()
arrays = {name: value.cpu().numpy() for name, value in model.state_dict().items()}
weights_as_arrays = [arrays["0.weight"].T, arrays["0.bias"]]
print(f"weights_as_arrays: {[(name, a.shape) for name, a in arrays.items()]}")

# optimizer_state: Adam's first moment after one step.
optimizer_state = opt.state_dict()["state"][0]["exp_avg"].T
print(f"optimizer_state: {optimizer_state[0].tolist()}")

# count_params: the number of parameters.
model = new_model()
count_params = sum(p.numel() for p in model.parameters())
print(f"count_params: {count_params}")
